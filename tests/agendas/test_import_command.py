"""`python manage.py import_agenda FILE --council SLUG [--dry-run] [--json]`: the seed agenda read,
shown and created as a draft meeting; files that hold no agenda refused with nothing written."""

import datetime
import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from agendas.models import AgendaItem, Meeting
from kkr.models import AuditEntry
from tests.data import SEED
from tests.factories import make_council, make_meeting, unreadable_agendas

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return make_council(name="KKR Nordjylland", slug="kkr-nordjylland")


def run(*args):
    """The command's standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_agenda", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def written():
    return Meeting.objects.count(), AgendaItem.objects.count(), AuditEntry.objects.count()


def test_json_prints_the_structure_and_dry_run_writes_nothing(council):
    out, err = run(SEED, "--council", "kkr-nordjylland", "--json", "--dry-run")
    found = json.loads(out)
    assert found["meeting"]["date"] == "2021-02-05"
    assert len(found["sections"]) == 7
    assert [item["number"].rstrip(".") for item in found["items"]][:3] == ["1.1", "1.2", "2.1"]
    assert len(found["items"]) == 16
    assert "Intet er gemt" in err
    assert "Dagsorden fra" not in out  # the JSON alone, for a pipe
    assert written() == (0, 0, 0)


def test_the_summary_names_date_sections_items_and_markers(council):
    out, _err = run(SEED, "--council", "kkr-nordjylland", "--dry-run")
    assert "Dato: 05-02-2021" in out
    assert "7 hovedpunkter, 16 punkter," in out
    assert "bilagsmarkeringer (./.)" in out
    assert "1. Godkendelse af referat" in out
    assert "3.2. Limfjordsrådet" in out
    assert "Intet er gemt (--dry-run)." in out
    assert written() == (0, 0, 0)


def test_an_import_creates_a_draft_meeting_the_public_cannot_see(council, client):
    out, _err = run(SEED, "--council", "kkr-nordjylland", "--place", "Aalborg", "--start-time", "08:30")
    meeting = Meeting.objects.get(council=council)
    assert meeting.date == datetime.date(2021, 2, 5)
    assert (meeting.place, meeting.start_time) == ("Aalborg", datetime.time(8, 30))
    assert not meeting.is_published
    assert "Mødet er oprettet som kladde: /kkr-nordjylland/2021-02-05/rediger/" in out
    assert meeting.sections.count() == 7
    assert AgendaItem.objects.filter(section__meeting=meeting).count() == 16
    assert AuditEntry.objects.get(meeting_id=meeting.pk).summary == (
        "Mødet 05-02-2021 oprettet ved import af kkr-nordjylland-2021-02-05-dagsorden.txt"
    )
    assert client.get("/kkr-nordjylland/2021-02-05/").status_code == 404


def test_the_date_can_be_given(council):
    run(SEED, "--council", "kkr-nordjylland", "--date", "2021-06-18", "--place", "Aalborg")
    assert Meeting.objects.get(council=council).date == datetime.date(2021, 6, 18)


def test_a_meeting_on_that_date_already_is_refused_and_nothing_written(council):
    make_meeting(council=council, date=datetime.date(2021, 2, 5))
    before = written()
    with pytest.raises(CommandError, match="KKR Nordjylland har allerede et møde den 05-02-2021"):
        run(SEED, "--council", "kkr-nordjylland", "--place", "Aalborg")
    assert written() == before


UNREADABLE = unreadable_agendas()


@pytest.mark.parametrize(("what", "name", "data", "told"), UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_a_file_without_an_agenda_is_refused_with_its_message(council, tmp_path, what, name, data, told):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as refused:
        run(path, "--council", "kkr-nordjylland", "--place", "Aalborg")
    assert told in str(refused.value), what
    assert written() == (0, 0, 0)


def test_an_unknown_council_is_refused(council):
    with pytest.raises(CommandError, match="Rådet »kkr-atlantis« findes ikke. Rådene er: kkr-nordjylland."):
        run(SEED, "--council", "kkr-atlantis")
    assert written() == (0, 0, 0)


def test_a_missing_file_is_refused(council, tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        run(tmp_path / "ingen.pdf", "--council", "kkr-nordjylland")


def test_a_bad_date_is_refused(council):
    with pytest.raises(CommandError, match="skal være en dato som 2021-02-05"):
        run(SEED, "--council", "kkr-nordjylland", "--date", "5/2-2021")


def test_a_refusal_exits_with_an_error_code(tmp_path):
    """As run from a shell: the message on standard error, a non-zero exit status."""
    result = subprocess.run(
        [sys.executable, "manage.py", "import_agenda", str(tmp_path / "ingen.pdf"), "--council", "x"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "findes ikke" in result.stderr


def test_a_place_the_agenda_lacks_must_be_given(council):
    """The seed's text names no place, and the council has no earlier meeting to take it from."""
    with pytest.raises(CommandError, match="Dagsordenen angiver intet mødested. Angiv det med --place."):
        run(SEED, "--council", "kkr-nordjylland")
    assert written() == (0, 0, 0)


def test_json_without_dry_run_creates_the_meeting_and_keeps_standard_output_json(council):
    out, err = run(SEED, "--council", "kkr-nordjylland", "--json", "--place", "Aalborg")
    assert json.loads(out)["meeting"]["date"] == "2021-02-05"
    assert "Mødet er oprettet som kladde: /kkr-nordjylland/2021-02-05/rediger/" in err
    assert Meeting.objects.get(council=council).place == "Aalborg"
