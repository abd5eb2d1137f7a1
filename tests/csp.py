"""What a page may contain under the portal's Content-Security-Policy (settings.SECURE_CSP): scripts
and styles from files, an inline <script> or <style> only with the request's nonce, and no style=""
attributes, inline event handlers, hx-on attributes or javascript: links, which the browser (or htmx,
with eval off) would refuse. The crawls check every HTML page they meet with this."""

import re

TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>", re.DOTALL)
FORBIDDEN_ATTRIBUTE = re.compile(r"""\s(style|on[a-z]+|hx-on[\w:-]*)\s*=|javascript:""", re.IGNORECASE)
NONCE = re.compile(r"""\snonce=["']([^"']+)["']""")
SRC = re.compile(r"\ssrc\s*=")
# A data block (<script type="application/json">) is never run, so it needs no nonce.
DATA_BLOCK = re.compile(r"""\stype=["']application/(ld\+)?json["']""")


def csp_violations_in(html: str, policy: str) -> list[str]:
    """Each tag in `html` that the policy refuses."""
    allowed = set(re.findall(r"'nonce-([^']+)'", policy))
    found = []
    for match in TAG.finditer(html):
        name, attributes = match.group(1).lower(), match.group(2) or ""
        if FORBIDDEN_ATTRIBUTE.search(attributes):
            found.append(match.group(0)[:120])
        inline = name == "style" or (
            name == "script" and not SRC.search(attributes) and not DATA_BLOCK.search(attributes)
        )
        nonce = NONCE.search(attributes)
        if inline and (nonce is None or nonce.group(1) not in allowed):
            found.append(match.group(0)[:120])
    return found


def assert_obeys_csp(url: str, response, text: str | None = None):
    """Fails when an HTML response lacks the policy or holds markup it refuses."""
    if "html" not in response.get("Content-Type", ""):
        return
    policy = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (url, policy)
    if text is None:
        text = response.content.decode("utf-8", errors="replace")
    found = csp_violations_in(text, policy)
    assert not found, (url, found)
