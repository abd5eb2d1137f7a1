"""kkr.access answers who may see what, for every view: the council or meeting comes back with the
viewer's roles in a small frozen record, or as a 403 or 404. Nothing is patched onto model instances,
and no module reaches into another's private helpers."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from agendas.models import Meeting
from kkr.access import (
    Audience,
    council_access,
    council_accesses,
    may_read_minutes,
    meeting_access,
    member_meeting_access,
    secretary_council_access,
    secretary_meeting_access,
    trusted_council_ids,
    visible_meetings,
    visible_meetings_of,
)
from kkr.models import Council
from minutes.models import Minutes
from tests.factories import make_council, make_meeting, make_member, make_secretary, make_user, publish

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kkr", "agendas", "minutes", "appointments")
ROLES = ["anonymous", "other user", "member", "secretariat", "other council's secretariat", "superuser"]
# (is_secretary, is_member) of each role in the council
FLAGS = {
    "anonymous": (False, False),
    "other user": (False, False),
    "member": (False, True),
    "secretariat": (True, False),
    "other council's secretariat": (False, False),
    "superuser": (True, False),
}


@pytest.fixture
def council():
    return make_council()


@pytest.fixture
def published(council):
    return publish(make_meeting(council=council, date=datetime.date(2021, 2, 5)))


@pytest.fixture
def draft(council):
    return make_meeting(council=council, date=datetime.date(2021, 4, 23))


def viewer(role, council):
    if role == "anonymous":
        return AnonymousUser()
    if role == "member":
        return make_member(council)
    if role == "secretariat":
        return make_secretary(council)
    if role == "other council's secretariat":
        return make_secretary(make_council())
    return make_user(is_superuser=role == "superuser")


# The records


@pytest.mark.parametrize("role", ROLES)
def test_council_access_gives_the_viewers_roles(council, role):
    access = council_access(viewer(role, council), council.slug)
    assert access.council == council
    assert (access.is_secretary, access.is_member) == FLAGS[role]
    assert access.sees_closed == (role in ("member", "secretariat", "superuser"))
    assert access.audience == (Audience.MEMBERS if access.sees_closed else Audience.PUBLIC)


def test_the_records_are_frozen(council, published):
    access = meeting_access(make_member(council), council.slug, published.date)
    with pytest.raises(AttributeError):
        access.is_secretary = True
    assert access.council == council


def test_documents_search_and_access_speak_of_one_audience():
    from agendas.models import SearchEntry
    from documents.models import RenderedDocument

    assert RenderedDocument.Audience is SearchEntry.Audience is Audience


@pytest.mark.parametrize("role", ROLES)
def test_meeting_access_to_a_published_meeting(council, published, role):
    access = meeting_access(viewer(role, council), council.slug, published.date)
    assert access.meeting == published
    assert (access.is_secretary, access.is_member) == FLAGS[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_meeting_is_404_except_to_its_secretariat(council, draft, role):
    user = viewer(role, council)
    if role in ("secretariat", "superuser"):
        assert meeting_access(user, council.slug, draft.date).meeting == draft
    else:
        with pytest.raises(Http404):
            meeting_access(user, council.slug, draft.date)


def test_no_such_council_or_meeting_is_404(council, published):
    user = make_secretary(council)
    for call in (
        lambda: council_access(user, "intet-raad"),
        lambda: secretary_council_access(user, "intet-raad"),
        lambda: meeting_access(user, "intet-raad", published.date),
        lambda: meeting_access(user, council.slug, datetime.date(2030, 1, 1)),
        lambda: secretary_meeting_access(user, council.slug, datetime.date(2030, 1, 1)),
    ):
        with pytest.raises(Http404):
            call()


@pytest.mark.parametrize("role", ROLES)
def test_the_secretariats_pages_are_403_to_everyone_else(council, published, draft, role):
    user = viewer(role, council)
    if role in ("secretariat", "superuser"):
        assert secretary_council_access(user, council.slug).is_secretary
        for meeting in (published, draft):
            assert secretary_meeting_access(user, council.slug, meeting.date).meeting == meeting
        return
    with pytest.raises(PermissionDenied):
        secretary_council_access(user, council.slug)
    # 403 before the meeting is looked up: nobody else learns which dates exist
    for date in (published.date, draft.date, datetime.date(2030, 1, 1)):
        with pytest.raises(PermissionDenied):
            secretary_meeting_access(user, council.slug, date)


@pytest.mark.parametrize("role", ROLES)
def test_members_pages_are_403_to_the_public_and_404_for_a_draft(council, published, draft, role):
    user = viewer(role, council)
    if role in ("member", "secretariat", "superuser"):
        assert member_meeting_access(user, council.slug, published.date).sees_closed
    else:
        with pytest.raises(PermissionDenied):
            member_meeting_access(user, council.slug, published.date)
    with pytest.raises(Http404):
        member_meeting_access(user, council.slug, draft.date)


@pytest.mark.parametrize("role", ROLES)
def test_visible_meetings_show_drafts_to_the_secretariat_only(council, published, draft, role):
    access = council_access(viewer(role, council), council.slug)
    expected = {published, draft} if role in ("secretariat", "superuser") else {published}
    assert set(visible_meetings(access)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_visible_meetings_of_several_councils_are_each_councils_visible_meetings(
    council, published, draft, role
):
    other = make_council()
    other_draft = make_meeting(council=other, date=datetime.date(2021, 3, 1))
    other_published = publish(make_meeting(council=other, date=datetime.date(2021, 3, 2)))
    accesses = council_accesses(viewer(role, council))
    expected = {m for access in accesses for m in visible_meetings(access)}
    assert set(visible_meetings_of(accesses)) == expected
    assert published in expected and other_published in expected
    assert (draft in expected) == (role in ("secretariat", "superuser"))
    assert (other_draft in expected) == (role == "superuser")


@pytest.mark.parametrize("role", ROLES)
def test_trusted_councils_are_those_whose_closed_content_the_viewer_sees(council, role):
    other = make_council()
    user = viewer(role, council)
    expected = {
        "member": [council.pk],
        "secretariat": [council.pk],
        "superuser": list(Council.objects.values_list("pk", flat=True)),
    }.get(role, [])
    if role == "other council's secretariat":
        expected = list(user.secretariat_councils.values_list("pk", flat=True))
        assert expected and other.pk not in expected
    assert sorted(trusted_council_ids(user)) == sorted(expected)


def test_council_accesses_give_each_councils_roles(council):
    other = make_council()
    user = make_member(council)
    other.secretariat.add(user)
    accesses = {access.council: access for access in council_accesses(user)}
    assert set(accesses) == set(Council.objects.all())
    assert (accesses[council].is_secretary, accesses[council].is_member) == (False, True)
    assert (accesses[other].is_secretary, accesses[other].is_member) == (True, False)


@pytest.mark.parametrize(
    ("role", "readable"),
    [
        ("anonymous", {"published"}),
        ("other user", {"published"}),
        ("member", {"sent", "approved", "published"}),
        ("secretariat", {"draft", "sent", "approved", "published"}),
        ("superuser", {"draft", "sent", "approved", "published"}),
    ],
)
def test_who_may_read_the_minutes(council, published, role, readable):
    access = meeting_access(viewer(role, council), council.slug, published.date)
    assert not may_read_minutes(access, None)
    for status in Minutes.Status.values:
        assert may_read_minutes(access, Minutes(meeting=published, status=status)) == (status in readable)


# Queries


def test_both_roles_cost_one_query(council, published, django_assert_num_queries):
    user = make_member(council)
    with django_assert_num_queries(2):  # the council, then both roles at once
        council_access(user, council.slug)
    with django_assert_num_queries(2):  # the meeting with its council, then both roles at once
        meeting_access(user, council.slug, published.date)
    with django_assert_num_queries(1):  # the public has no roles to ask for
        meeting_access(AnonymousUser(), council.slug, published.date)


def test_council_accesses_cost_two_queries_however_many_councils(council, django_assert_num_queries):
    user = make_member(council)
    with django_assert_num_queries(2):
        assert len(council_accesses(user)) == 1
    for _ in range(4):
        make_council()
    with django_assert_num_queries(2):
        assert len(council_accesses(user)) == 5


# No results patched onto model instances


def patched_attributes(instance):
    """What an instance carries besides its fields and Django's own state."""
    fields = {field.attname for field in instance._meta.concrete_fields}
    return set(vars(instance)) - fields - {"_state", "_prefetched_objects_cache"}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


@pytest.mark.parametrize("role", ["anonymous", "member", "secretariat"])
def test_pages_get_their_meeting_and_council_unpatched(client, demo, role):
    council = Council.objects.get(slug="kkr-nordjylland")
    if role == "member":
        client.force_login(make_member(council))
    elif role == "secretariat":
        assert client.login(username="sekretariat", password="demo-sekretariat")
    urls = [
        "/kkr-nordjylland/",
        "/kkr-nordjylland/2021-02-05/",
        "/kkr-nordjylland/2021-01-15/",
        "/kkr-nordjylland/2021-01-15/referat/",
        "/kkr-nordjylland/udpegninger/",
        "/kkr-nordjylland/udpegninger/organ/rar-nordjylland/",
    ]
    if role == "member":
        urls.append("/kkr-nordjylland/2021-02-05/noter/")
    if role == "secretariat":
        urls += ["/kkr-nordjylland/2021-02-05/rediger/", "/kkr-nordjylland/2021-02-05/referat/rediger/"]
    seen = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        for name in ("meeting", "council"):
            if name in response.context:
                seen += 1
                assert patched_attributes(response.context[name]) == set(), (url, name)
    assert seen >= len(urls)


def test_the_meeting_page_says_who_may_edit_in_its_context(client, demo):
    meeting = Meeting.objects.get(date="2021-02-05")
    assert client.login(username="sekretariat", password="demo-sekretariat")
    response = client.get(meeting.get_absolute_url())
    assert response.context["can_edit"] is True
    assert not hasattr(response.context["meeting"], "viewer_is_secretary")
    register = client.get("/kkr-nordjylland/udpegninger/")
    assert register.context["can_edit"] is True
    assert not hasattr(register.context["council"], "can_edit")


# No module reaches into another module's private helpers


def project_modules():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                parts = path.relative_to(ROOT).with_suffix("").parts
                yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def private_uses(name, path, modules):
    """`from other import _helper`, or `other._helper` of an imported project module."""
    found, imported = [], {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES:
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if alias.name.startswith("_") and node.module != name:
                    found.append(target)
                if target in modules:
                    imported[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    imported[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and imported.get(node.value.id, name) != name
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{imported[node.value.id]}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_helpers():
    modules = dict(project_modules())
    assert "agendas.views" in modules
    found = {name: uses for name, path in modules.items() if (uses := private_uses(name, path, modules))}
    assert found == {}


def test_the_private_helper_check_finds_one(tmp_path):
    path = tmp_path / "example.py"
    path.write_text("from agendas.views import _kind\nfrom agendas import views\nviews._audience(True)\n")
    assert private_uses("minutes.views", path, {"agendas.views": path}) == [
        "agendas.views._kind",
        "agendas.views._audience",
    ]
