"""Operations on agendas that keep numbering, files and constraints consistent."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from agendas.models import AgendaItem, AgendaSection, Attachment
from kkr.lib.files import save_once
from kkr.lib.pdfcheck import inspect_pdf

# Positions are rewritten in two steps because unique (parent, position) is checked row by row:
# first every sibling moves out of the way by this offset, then each gets its final place.
_POSITION_OFFSET = 10000


def _renumber(queryset, ordered_pks):
    queryset.update(position=F("position") + _POSITION_OFFSET)
    for position, pk in enumerate(ordered_pks, start=1):
        queryset.filter(pk=pk).update(position=position)


@transaction.atomic
def add_item(section: AgendaSection, **fields) -> AgendaItem:
    """Append a new item at the end of the section."""
    last = section.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(section=section, position=last + 1, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(item: AgendaItem, section: AgendaSection, position: int) -> AgendaItem:
    """Move the item to the given 1-based position in a section (the same or another one of the
    meeting), and renumber every item it passed."""
    if section.meeting_id != item.section.meeting_id:
        raise ValidationError(_("Et punkt kan kun flyttes inden for sit eget møde."))
    old_section = item.section
    target = [pk for pk in section.items.order_by("position").values_list("pk", flat=True) if pk != item.pk]
    position = max(1, min(position, len(target) + 1))
    target.insert(position - 1, item.pk)
    if old_section.pk != section.pk:
        # Park the item outside both sections' ranges before it changes section.
        AgendaItem.objects.filter(pk=item.pk).update(section=section, position=2 * _POSITION_OFFSET)
        remaining = old_section.items.order_by("position").values_list("pk", flat=True)
        _renumber(old_section.items.all(), list(remaining))
    _renumber(section.items.all(), target)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Delete the item and close the gap it leaves in the numbering."""
    section = item.section
    item.delete()
    _renumber(section.items.all(), list(section.items.order_by("position").values_list("pk", flat=True)))


@transaction.atomic
def add_attachment(item: AgendaItem, title: str, data: bytes, *, is_closed: bool = False) -> Attachment:
    """Validate a PDF and attach it at the end of the item's attachments."""
    page_count = inspect_pdf(data, settings.ATTACHMENT_MAX_BYTES)
    sha256 = hashlib.sha256(data).hexdigest()
    last = item.attachments.aggregate(last=Max("position"))["last"] or 0
    attachment = Attachment(
        item=item,
        position=last + 1,
        title=title,
        is_closed=is_closed,
        sha256=sha256,
        page_count=page_count,
    )
    field = Attachment._meta.get_field("file")
    attachment.file.name = save_once(field.storage, field.generate_filename(attachment, "upload.pdf"), data)
    attachment.full_clean()
    attachment.save()
    return attachment
