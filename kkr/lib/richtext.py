"""The one allow-list for the HTML of agenda texts (Baggrund, Indstilling, Sagsfremstilling, ...)."""

import re
from html import unescape

import nh3
from django.db import models
from django.utils.html import strip_tags

# Paragraphs, bold, italic, lists, links and sub-headings; nothing else survives. Sub-headings are
# h5 because on the meeting page and in print they sit below the item title (h3) and the field
# heading (h4). "attachment-ref" marks a paragraph that refers to an attachment ("./." in print).
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h5"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_CLASSES = {"p": {"attachment-ref"}, "li": {"attachment-ref"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ATTACHMENT_REF_CLASS = "attachment-ref"

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
)


def sanitize(html: str) -> str:
    """Return the HTML with everything outside the allow-list removed."""
    if not html:
        return ""
    return _cleaner.clean(html).strip()


_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"</?(?:p|ul|ol|h5)\b[^>]*>|<br\b[^>]*>", re.IGNORECASE)


def to_text(html: str) -> str:
    """The text of sanitised HTML as a reader sees it, unescaped: a line per paragraph, sub-heading
    and list item, a list item starting with an en dash as in print."""
    text = unescape(strip_tags(_LINE_BREAK.sub("\n", _LIST_ITEM.sub("\n– ", html or ""))))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


class RichTextField(models.TextField):
    """A text field that only ever stores sanitised HTML, however it is written."""

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # Also covers bulk_update() and QuerySet.update(), which do not call pre_save().
        value = super().get_prep_value(value)
        return sanitize(value) if isinstance(value, str) else value
