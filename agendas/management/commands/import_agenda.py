import argparse
import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from agendas.importing import ImportRefused, read_agenda
from agendas.importing.meeting import (
    create_imported_meeting,
    meeting_defaults,
    review_warnings,
    suggested_case_line,
)
from kkr.models import Council


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"skal være en dato som 2021-02-05, ikke {value!r}") from None


def clock_time(value: str) -> datetime.time:
    try:
        return datetime.datetime.strptime(value.replace(".", ":"), "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"skal være et klokkeslæt som 08:30, ikke {value!r}") from None


class Command(BaseCommand):
    help = (
        "Læser en dagsorden (.pdf eller .txt) og opretter den som et kladdemøde i rådet. Med --dry-run "
        "gemmes intet; med --json skrives det fundne som JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="dagsordenen, .pdf eller .txt")
        parser.add_argument("--council", required=True, help="rådets kortnavn, fx kkr-nordjylland")
        parser.add_argument("--dry-run", action="store_true", help="vis kun, hvad der blev fundet; gem intet")
        parser.add_argument("--json", action="store_true", dest="as_json", help="skriv det fundne som JSON")
        parser.add_argument("--date", type=iso_date, help="mødets dato, ÅÅÅÅ-MM-DD (ellers dagsordenens)")
        parser.add_argument(
            "--start-time", type=clock_time, help="starttidspunkt, TT:MM (ellers dagsordenens)"
        )
        parser.add_argument("--end-time", type=clock_time, help="sluttidspunkt, TT:MM")
        parser.add_argument("--place", help="mødested (ellers dagsordenens)")
        parser.add_argument(
            "--case-number", help="sagsnummer til punkter uden et (ellers det, de fleste punkter har)"
        )
        parser.add_argument("--case-handler", help="sagsbehandler til punkter uden en")

    def handle(self, *args, file, council, dry_run, as_json, **options):
        if not file.is_file():
            raise CommandError(f"Filen {file} findes ikke.")
        council_row = Council.objects.filter(slug=council).first()
        if council_row is None:
            slugs = ", ".join(Council.objects.values_list("slug", flat=True)) or "ingen"
            raise CommandError(f"Rådet »{council}« findes ikke. Rådene er: {slugs}.")
        try:
            agenda = read_agenda(file.read_bytes(), file.name)
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        if as_json:
            self.stdout.write(json.dumps(agenda.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self.summary(agenda, file.name))
        # With --json, standard output holds the JSON alone.
        out = self.stderr if as_json else self.stdout
        if dry_run:
            out.write("Intet er gemt (--dry-run).")
            return
        meeting = self.create(council_row, agenda, file.name, options)
        path = reverse("agendas:edit", args=[council_row.slug, meeting.date])
        out.write(self.style.SUCCESS(f"Mødet er oprettet som kladde: {path}"))

    def create(self, council, agenda, filename, options):
        defaults = meeting_defaults(council, agenda)
        date = options["date"] or defaults.date
        if date is None:
            raise CommandError("Mødedatoen blev ikke fundet i dagsordenen. Angiv den med --date ÅÅÅÅ-MM-DD.")
        place = options["place"] or defaults.place
        if not place:
            raise CommandError("Dagsordenen angiver intet mødested. Angiv det med --place.")
        case_number, case_handler = suggested_case_line(agenda)
        try:
            return create_imported_meeting(
                council,
                agenda,
                date=date,
                start_time=options["start_time"] or defaults.start_time,
                end_time=options["end_time"] or defaults.end_time,
                place=place,
                case_number=options["case_number"] or case_number,
                case_handler=options["case_handler"] or case_handler,
                filename=filename,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def summary(self, agenda, filename) -> str:
        lines = [f"Dagsorden fra {filename}"]
        lines.append(f"Dato: {agenda.date:%d-%m-%Y}" if agenda.date else "Dato: ikke fundet")
        if agenda.start_time:
            end = f"–{agenda.end_time:%H.%M}" if agenda.end_time else ""
            lines.append(f"Tid: kl. {agenda.start_time:%H.%M}{end}")
        else:
            lines.append("Tid: ikke fundet")
        lines.append(f"Sted: {agenda.place or 'ikke fundet'}")
        markers = sum(len(item.attachment_markers) for item in agenda.items)
        lines.append(
            f"{len(agenda.sections)} hovedpunkter, {len(agenda.items)} punkter, "
            f"{markers} bilagsmarkeringer (./.)"
        )
        for section in agenda.sections:
            lines.append(f"{section.number}. {section.title}")
            for item in section.items:
                case = " ".join(part for part in (item.case_number, item.case_handler) if part)
                marked = f" [{len(item.attachment_markers)} ./.]" if item.attachment_markers else ""
                lines.append(
                    f"   {item.number.rstrip('.')}. {item.title}{f'  ({case})' if case else ''}{marked}"
                )
        warnings = review_warnings(agenda)
        if warnings:
            lines.append("Advarsler:")
            lines += [f" – {warning}" for warning in warnings]
        return "\n".join(lines)
