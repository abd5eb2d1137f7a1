from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, Attachment, Meeting
from agendas.validators import validate_case_number

RICHTEXT = {"data-richtext": "", "rows": 6}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "place", "kind"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class NewMeetingForm(MeetingForm):
    """A new meeting: its facts, and the case number and handler of its routine items."""

    case_number = forms.CharField(
        label=_("Sagsnummer for mødets faste punkter"), max_length=14, validators=[validate_case_number]
    )
    case_handler = forms.CharField(label=_("Sagsbehandler (initialer)"), max_length=10)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council


class ItemForm(forms.ModelForm):
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
        widgets = {
            "background": forms.Textarea(attrs=RICHTEXT),
            "recommendation": forms.Textarea(attrs=RICHTEXT),
            "presentation": forms.Textarea(attrs=RICHTEXT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["revision"] = self.instance.revision
        for name in ("background", "recommendation", "presentation"):
            self.fields[name].widget.attrs["id"] = f"id_{name}_{self.instance.pk}"
        for name in ("title", "case_number", "case_handler", "is_closed"):
            self.fields[name].widget.attrs["id"] = f"id_{name}_{self.instance.pk}"


class NewItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "case_number", "case_handler"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Tilføj bilag (PDF)"), error_messages={"required": _("Vælg en eller flere PDF-filer.")}
    )
    is_closed = forms.BooleanField(label=_("Lukkede bilag"), required=False)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "is_closed"]


class PublishForm(forms.Form):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("sent_on", timezone.localdate())


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
