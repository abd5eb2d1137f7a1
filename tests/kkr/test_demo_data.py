import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agendas.models import AgendaItem, Attachment, Meeting
from kkr.models import Council, Membership

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["kkr", "agendas", "proposals", "minutes", "appointments", "auth"]


def snapshot():
    """Every row of the project's models, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert "brugernavn: sekretariat" in capsys.readouterr().out


def test_a_production_site_gets_no_demo_accounts_unless_it_is_a_demo(settings, capsys):
    settings.DEBUG, settings.DEMO = False, False
    with pytest.raises(CommandError, match="DEMO=1"):
        call_command("load_demo")
    call_command("load_demo", "--skip-unless-demo")  # as docker-compose.yml starts the site
    assert "Ingen demodata" in capsys.readouterr().out
    assert not get_user_model().objects.exists()
    settings.DEMO = True
    call_command("load_demo", "--skip-unless-demo")
    assert get_user_model().objects.filter(username="sekretariat").exists()


def test_demo_has_the_council_its_municipalities_and_people():
    call_command("load_demo")
    council = Council.objects.get(slug="kkr-nordjylland")
    assert council.name == "KKR Nordjylland"
    assert council.municipalities.count() == 11
    chair = Membership.objects.get(council=council, role=Membership.Role.CHAIR)
    assert str(chair.person) == "Arne Boelt (A)"
    moved_up = Membership.objects.filter(person__name="Vibeke Merete Gamst").order_by("start")
    assert [(m.role, m.substitute_for and m.substitute_for.name) for m in moved_up] == [
        ("substitute", "Karsten Frederiksen"),
        ("member", None),
    ]


def test_demo_meetings():
    call_command("load_demo")
    meetings = {m.date.isoformat(): m for m in Meeting.objects.all()}
    assert sorted(meetings) == ["2020-11-13", "2021-01-15", "2021-02-05", "2021-04-23"]
    assert meetings["2021-01-15"].kind == Meeting.Kind.EXTRAORDINARY
    assert not meetings["2021-04-23"].is_published
    assert [i.title for i in AgendaItem.objects.filter(section__meeting=meetings["2021-04-23"])] == [
        "SOSU-dimmensionering",
        "Rammeaftale om Danskuddannelse",
        "Temadrøftelse rekruttering",
    ]


def test_the_5_february_agenda_has_every_section_and_item_of_the_seed():
    call_command("load_demo")
    meeting = Meeting.objects.get(date="2021-02-05")
    sections = list(meeting.sections.order_by("position"))
    assert [str(s) for s in sections] == [
        "1. Godkendelse af referat",
        "2. Siden sidst",
        "3. Regionalpolitiske sager",
        "4. Udpegninger",
        "5. KKR",
        "6. Punkter til næste møde",
        "7. Eventuelt",
    ]
    items = AgendaItem.objects.filter(section__meeting=meeting).order_by("section__position", "position")
    numbers = [item.number for item in items]
    assert numbers == ["1.1.", "1.2.", "2.1."] + [f"3.{n}." for n in range(1, 12)] + ["4.1.", "6.1."]
    assert {item.case_handler for item in items} == {"hast", "hlth"}


def test_attachment_markers_become_attachments_with_a_demo_pdf():
    call_command("load_demo")
    item = AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=2, position=1)
    titles = list(item.attachments.values_list("title", flat=True))
    assert titles[0] == "Henvendelse til Beskæftigelsesminister Peter Hummelgaard af 1. dec. 2020"
    assert len(titles) == 5
    assert item.presentation.count('class="attachment-ref"') == 5
    attachment = item.attachments.first()
    assert attachment.page_count >= 2
    assert attachment.file.read().startswith(b"%PDF-")
    assert Attachment.objects.filter(is_closed=True, item__section__meeting__date="2021-01-15").count() == 1
