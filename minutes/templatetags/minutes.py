from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

BULLETS = ("–", "-", "•")


@register.filter
def decision_html(text):
    """A decision's plain text as HTML: a paragraph per line, and runs of lines that start with a dash
    as a list (the way recommendations are written), styled as the agenda's texts are (richtext)."""
    blocks, bullets = [], []

    def close_list():
        if bullets:
            blocks.append(
                format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((b,) for b in bullets)))
            )
            bullets.clear()

    for line in (text or "").splitlines():
        line = line.strip()
        if line.startswith(BULLETS):
            bullets.append(line.lstrip("".join(BULLETS)).strip())
            continue
        close_list()
        if line:
            blocks.append(format_html("<p>{}</p>", line))
    close_list()
    if not blocks:
        return ""
    return format_html('<div class="richtext">{}</div>', mark_safe("".join(blocks)))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
