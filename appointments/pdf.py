"""The register as a PDF list in the KKR layout: a cover, then the council and each body with who
holds its seats on the chosen date. Small enough to render while the reader waits (about a second)."""

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kkr.lib.pdf import html_to_pdf


def register_pdf(register) -> bytes:
    council = register.council
    on = date_format(register.on, "d-m-Y")
    title = _("Udpegninger – %(council)s pr. %(date)s") % {"council": council.name, "date": on}
    context = {
        "register": register,
        "council": council,
        "on": on,
        "title": title,
        "running_header": f"{council.name} | {on}",
    }
    html = render_to_string("appointments/pdf/register.html", context)
    data, _pages = html_to_pdf(
        html, stylesheets=["pdf/agenda.css", "pdf/register.css"], title=title, author=council.name
    )
    return data
