"""A council taking in items for its meeting of Friday 23 April 2021 (deadline Friday 9 April at 12:00),
with everyone who may or may not act on a proposal; the clock stands at Monday 15 March 2021."""

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
from django.core import mail

from agendas.models import Meeting
from kkr.models import Council
from proposals.models import IntakeSettings
from tests.factories import (
    make_council,
    make_handler,
    make_meeting,
    make_member,
    make_reviewer,
    make_secretary,
    make_section,
    make_user,
)

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
APR_23 = datetime.date(2021, 4, 23)
DEADLINE = datetime.datetime(2021, 4, 9, 12, 0, tzinfo=CPH)


def at(*args) -> datetime.datetime:
    """A moment in Danish time."""
    return datetime.datetime(*args, tzinfo=CPH)


@dataclass
class Intake:
    council: Council
    meeting: Meeting
    handler: object
    reviewer: object
    reviewer2: object
    secretary: object
    member: object
    other_handler: object
    other_secretary: object

    def outsiders(self):
        """Users who may see a proposal of `handler`'s but act on it in no way."""
        return [self.member, self.other_handler, self.other_secretary, make_user()]


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(at(2021, 3, 15, 10, 0), tick=False)
    return time_machine


@pytest.fixture
def intake(db, clock):
    council = make_council(name="KKR Nordjylland")
    IntakeSettings.objects.create(council=council, review_steps=1)
    meeting = make_meeting(council=council, date=APR_23)
    make_section(meeting=meeting, title="Godkendelse af referat")
    make_section(meeting=meeting, title="Regionalpolitiske sager")
    other = make_council(name="KKR Syddanmark")
    return Intake(
        council=council,
        meeting=meeting,
        handler=make_handler(council, "hast", email="hast@example.org"),
        reviewer=make_reviewer(council, 1, email="godkender1@example.org"),
        reviewer2=make_reviewer(council, 2, email="godkender2@example.org"),
        secretary=make_secretary(council, email="sekretariat@example.org"),
        member=make_member(council, email="medlem@example.org"),
        other_handler=make_handler(council, "hlth", email="hlth@example.org"),
        other_secretary=make_secretary(other, email="syd@example.org"),
    )


@pytest.fixture
def outbox(django_capture_on_commit_callbacks, eager_tasks):
    """Run a function as a request would, committing it: returns the e-mails it sent (through the
    database outbox and the send job)."""

    def run(function, *args, **kwargs):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = function(*args, **kwargs)
        run.result = result
        return mail.outbox[before:]

    return run
