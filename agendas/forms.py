from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agendas.importing import ImportedAgenda
from agendas.importing.meeting import date_taken_message, needs_defaults
from agendas.models import AgendaItem, Attachment, Meeting
from agendas.validators import validate_case_number

RICHTEXT = {"data-richtext": "", "rows": 6}
# An item's three texts, edited with the rich-text editor (agenda items and item proposals alike).
TEXT_WIDGETS = {
    name: forms.Textarea(attrs=RICHTEXT) for name in ("background", "recommendation", "presentation")
}
CASE_NUMBER_FORMAT = _("Formen er SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512.")


class FocusFirstErrorMixin:
    """After a refused submit the first field with an error takes the focus: `autofocus` works
    without JavaScript, and htmx honours it in what it swaps in."""

    def full_clean(self):
        super().full_clean()
        invalid = next((name for name in self.fields if name in self.errors), None)
        if invalid:
            self.fields[invalid].widget.attrs["autofocus"] = True


# A meeting's date and times, as the browser's date and time pickers take them.
MEETING_WIDGETS = {
    "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
}


class MeetingForm(FocusFirstErrorMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "place", "kind"]
        widgets = MEETING_WIDGETS


class NewMeetingForm(MeetingForm):
    """A new meeting: its facts, and the case number and handler of its routine items."""

    case_number = forms.CharField(
        label=_("Sagsnummer for mødets faste punkter"),
        max_length=14,
        validators=[validate_case_number],
        help_text=CASE_NUMBER_FORMAT,
    )
    case_handler = forms.CharField(label=_("Sagsbehandler (initialer)"), max_length=10)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council


class ItemForm(FocusFirstErrorMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "case_number",
            "case_handler",
            "is_closed",
            "background",
            "recommendation",
            "presentation",
        ]
        widgets = TEXT_WIDGETS
        help_texts = {"case_number": CASE_NUMBER_FORMAT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["revision"] = self.instance.revision
        for name in ("background", "recommendation", "presentation"):
            self.fields[name].widget.attrs["id"] = f"id_{name}_{self.instance.pk}"
        for name in ("title", "case_number", "case_handler", "is_closed"):
            self.fields[name].widget.attrs["id"] = f"id_{name}_{self.instance.pk}"


class NewItemForm(FocusFirstErrorMixin, forms.ModelForm):
    """The "Tilføj punkt" form under one section; each section's form has its own field ids."""

    class Meta:
        model = AgendaItem
        fields = ["title", "case_number", "case_handler"]
        help_texts = {"case_number": CASE_NUMBER_FORMAT}

    def __init__(self, *args, section_id, **kwargs):
        super().__init__(*args, auto_id=f"ny-%s-{section_id}", label_suffix="", **kwargs)
        self.section_id = section_id


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if not files:
            files = [None]  # nothing chosen: the field's own "required" message, or nothing
        return [
            upload for upload in (super(MultipleFileField, self).clean(f, initial) for f in files) if upload
        ]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Tilføj bilag (PDF)"), error_messages={"required": _("Vælg en eller flere PDF-filer.")}
    )
    is_closed = forms.BooleanField(label=_("Lukkede bilag"), required=False)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "is_closed"]


class PublishForm(FocusFirstErrorMixin, forms.Form):
    """Publishing the working agenda. A sending date after the meeting, or before the previous
    version's, is most likely a typo: it is published only once confirmed."""

    sent_on = forms.DateField(
        label=_("Udsendt den"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    change_note = forms.CharField(
        label=_("Hvad er rettet?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kræves ved en rettet dagsorden. Læserne ser det som 'Rettet dagsorden'."),
    )
    confirm_date = forms.BooleanField(label=_("Ja, datoen er rigtig"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.initial.setdefault("sent_on", timezone.localdate())
        self.meeting = meeting
        self.previous = meeting.versions.order_by("-number").first()
        self.date_warning = ""

    def odd_date(self, sent_on):
        """Why a sending date needs confirming, or an empty string."""
        if sent_on > self.meeting.date:
            return _("Datoen ligger efter mødet den %(date)s.") % {
                "date": date_format(self.meeting.date, "d-m-Y")
            }
        if self.previous and sent_on < self.previous.sent_on:
            return _("Datoen ligger før udsendelsen af version %(number)s den %(date)s.") % {
                "number": self.previous.number,
                "date": date_format(self.previous.sent_on, "d-m-Y"),
            }
        return ""

    def clean(self):
        cleaned_data = super().clean()
        if self.previous and not cleaned_data.get("change_note", "").strip():
            self.add_error(
                "change_note", _("Skriv kort, hvad der er rettet. Læserne ser det som 'Rettet dagsorden'.")
            )
        sent_on = cleaned_data.get("sent_on")
        if sent_on and not cleaned_data.get("confirm_date"):
            self.date_warning = self.odd_date(sent_on)
            if self.date_warning:
                # The checkbox that confirms is read with the warning it answers.
                warning_id = f"{self['sent_on'].auto_id}_error"
                self.fields["confirm_date"].widget.attrs["aria-describedby"] = warning_id
                self.add_error(
                    "sent_on",
                    _("%(warning)s Ret datoen, eller sæt kryds i 'Ja, datoen er rigtig' og send igen.")
                    % {"warning": self.date_warning},
                )
        return cleaned_data


class PlanItemForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("Til mødet den"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    title = forms.CharField(label=_("Titel"), max_length=300)
    case_number = forms.CharField(
        label=_("Sagsnummer"), max_length=14, required=False, validators=[validate_case_number]
    )
    case_handler = forms.CharField(label=_("Sagsbehandler (initialer)"), max_length=10, required=False)

    def clean_meeting_date(self):
        date = self.cleaned_data["meeting_date"]
        if date <= timezone.localdate():
            raise forms.ValidationError(_("Vælg datoen for et kommende møde."))
        return date


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Søgeord"), max_length=200, required=False, widget=forms.SearchInput)
    raad = forms.ChoiceField(label=_("Råd"), required=False)
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, councils, years):
        """councils: [(slug, name)]; years: [2021, 2020, …]."""
        super().__init__(data, auto_id="search-%s", label_suffix="")
        self.fields["raad"].choices = [("", _("Alle råd")), *councils]
        self.fields["aar"].choices = [("", _("Alle år")), *((year, year) for year in years)]


# Importing an agenda (agendas.import_views): upload a file, then check what was found and create it.

IMPORT_SUFFIXES = (".pdf", ".txt")
# The preview is signed for a day: long enough to check it over lunch, short enough to be the upload's.
IMPORT_MAX_AGE = 24 * 60 * 60


class ImportUploadForm(FocusFirstErrorMixin, forms.Form):
    file = forms.FileField(
        label=_("Dagsorden (PDF eller tekstfil)"),
        error_messages={
            "required": _("Vælg dagsordenen: en PDF- eller tekstfil."),
            "empty": _("Filen er tom."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in IMPORT_SUFFIXES:
            raise forms.ValidationError(_("Kun PDF- og tekstfiler (.pdf, .txt) kan importeres."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen fylder %(size)s MB; den må højst fylde %(limit)s MB.")
                % {"size": upload.size // 2**20, "limit": settings.IMPORT_MAX_BYTES // 2**20}
            )
        return upload


def _import_salt(council) -> str:
    # A preview signed for one council cannot be replayed in another's import.
    return f"agendas.import:{council.pk}"


def sign_import(council, agenda: ImportedAgenda, filename: str) -> str:
    """What the import found, signed and compressed for the preview form's hidden field."""
    payload = {"filename": filename, "agenda": agenda.as_json()}
    return signing.dumps(payload, salt=_import_salt(council), compress=True)


class ImportMeetingForm(FocusFirstErrorMixin, forms.Form):
    """The imported meeting's facts, the case line for items without one, and what the import found
    (signed: the file is read once, and what is created is what the preview showed)."""

    date = forms.DateField(label=_("Dato"), widget=MEETING_WIDGETS["date"])
    start_time = forms.TimeField(label=_("Starttidspunkt"), widget=MEETING_WIDGETS["start_time"])
    end_time = forms.TimeField(label=_("Sluttidspunkt"), required=False, widget=MEETING_WIDGETS["end_time"])
    place = forms.CharField(label=_("Sted"), max_length=200)
    case_number = forms.CharField(
        label=_("Sagsnummer til punkter uden et"),
        max_length=14,
        required=False,
        validators=[validate_case_number],
        help_text=CASE_NUMBER_FORMAT,
    )
    case_handler = forms.CharField(
        label=_("Sagsbehandler til punkter uden en (initialer)"), max_length=10, required=False
    )
    agenda = forms.CharField(widget=forms.HiddenInput)

    TAMPERED = _(
        "Forhåndsvisningen kan ikke bruges: den er ændret eller mere end et døgn gammel. "
        "Upload dagsordenen igen."
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.council = council
        self.imported = None  # (agenda, filename) once the signed field is read

    def clean_agenda(self):
        try:
            payload = signing.loads(
                self.cleaned_data["agenda"], salt=_import_salt(self.council), max_age=IMPORT_MAX_AGE
            )
            self.imported = ImportedAgenda.from_json(payload["agenda"]), str(payload["filename"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(self.TAMPERED) from None
        return self.imported

    def clean(self):
        cleaned_data = super().clean()
        if self.imported and needs_defaults(self.imported[0]):
            for name in ("case_number", "case_handler"):
                if not cleaned_data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Nogle punkter mangler sagsnummer eller sagsbehandler: udfyld feltet.")
                    )
        return cleaned_data

    def clean_date(self):
        date = self.cleaned_data["date"]
        if self.council.meetings.filter(date=date).exists():
            raise forms.ValidationError(date_taken_message(self.council, date))
        return date
