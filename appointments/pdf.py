"""The register as a PDF list in the KKR layout: a cover, then the council and each body with who
holds its seats on the chosen date. Rendered by the document job like the meeting's PDFs, and
registered with documents as the council's "udpegninger"."""

import datetime
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments.services import Register, register
from documents.registry import Built, DocumentKind, Identity
from kkr.models import Audience

ROOT = Path(__file__).resolve().parent.parent


def identify(source: Register) -> Identity:
    return Identity(council_id=source.council.pk, key=source.on.isoformat())


def source_of(document) -> Register:
    return register(document.council, datetime.date.fromisoformat(document.key))


def for_reader(source: Register) -> Register:
    return source  # the register is public


def build(source: Register, audience: str) -> Built:
    council = source.council
    on = date_format(source.on, "d-m-Y")
    title = _("Udpegninger – %(council)s pr. %(date)s") % {"council": council.name, "date": on}
    context = {
        "register": source,
        "council": council,
        "on": on,
        "title": title,
        "running_header": f"{council.name} | {on}",
    }
    html = render_to_string("appointments/pdf/register.html", context)
    return Built(html=html, title=title, author=council.name)


REGISTER = DocumentKind(
    name="register",
    family="register",
    slug="udpegninger",
    label=gettext_lazy("Udpegninger"),
    label_definite=gettext_lazy("Listen over udpegninger"),
    file_suffix="udpegninger",
    build=build,
    identify=identify,
    source_of=source_of,
    for_reader=for_reader,
    code=(
        Path(__file__).resolve(),
        ROOT / "appointments" / "services.py",
        ROOT / "templates" / "appointments" / "pdf",
        ROOT / "templates" / "agendas" / "pdf" / "_cover_statements.html",
    ),
    stylesheets=("pdf/agenda.css", "pdf/register.css"),
    audiences=(Audience.PUBLIC,),
)
