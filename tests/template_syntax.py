"""Django template syntax that reached a page: a comment spread over two lines (`{# #}` is one line
only), a tag or a variable that was escaped or never rendered. The crawls and the role walks check every
HTML page they meet with this."""

import re

MARKERS = re.compile(r"\{#|\{%|\{\{|#\}")
# Where such text may be meant: code in a script, and what a user typed into a text field.
ALLOWED = re.compile(r"<(script|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def template_syntax_in(html: str) -> list[str]:
    """Each place in `html` that shows template syntax, with a little of its surroundings."""
    text = ALLOWED.sub("", html)
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in MARKERS.finditer(text)]


def assert_no_template_syntax(url: str, response, text: str | None = None):
    """Fails when an HTML response shows template syntax; other responses are left alone."""
    if "html" not in response.get("Content-Type", ""):
        return
    if text is None:
        text = response.content.decode("utf-8", errors="replace")
    found = template_syntax_in(text)
    assert not found, (url, found)
