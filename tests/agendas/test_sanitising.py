import pytest

from agendas.models import AgendaItem
from tests.factories import make_item

pytestmark = pytest.mark.django_db

DIRTY = (
    '<p onclick="steal()">Tekst <script>alert("x")</script><strong>fed</strong></p>'
    '<p><a href="javascript:alert(1)">farligt link</a> <a href="https://www.kl.dk/">KL</a></p>'
    '<img src="https://example.org/track.gif"><h5>Underoverskrift</h5>'
    '<p class="attachment-ref evil" style="color:red">Bilag</p><iframe src="x"></iframe>'
)


def test_rich_text_keeps_only_the_allow_list():
    item = make_item(presentation=DIRTY)
    stored = AgendaItem.objects.get(pk=item.pk).presentation
    for removed in (
        "<script",
        "alert(",
        "onclick",
        "javascript:",
        "<img",
        "track.gif",
        "style=",
        "iframe",
        "evil",
    ):
        assert removed not in stored
    assert "<strong>fed</strong>" in stored
    assert 'href="https://www.kl.dk/"' in stored
    assert "<h5>Underoverskrift</h5>" in stored
    assert '<p class="attachment-ref">Bilag</p>' in stored
    # The instance in memory holds what was stored, so a page rendered right after save is safe too.
    assert item.presentation == stored


def test_bulk_updates_are_sanitised_too():
    item = make_item()
    AgendaItem.objects.filter(pk=item.pk).update(background='<p>Ok</p><script>alert("x")</script>')
    item.refresh_from_db()
    assert item.background == "<p>Ok</p>"
