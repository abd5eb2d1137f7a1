from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agendas.forms import CASE_NUMBER_FORMAT, TEXT_WIDGETS, FocusFirstErrorMixin
from agendas.models import AgendaSection, Meeting
from agendas.services import PLANNED_SECTION
from minutes.models import Minutes
from proposals.models import CouncilRole, IntakeSettings, Proposal

# Once its minutes are sent a meeting's agenda is locked (agendas.services.agenda_lock).
_LOCKED = [Minutes.Status.SENT, Minutes.Status.APPROVED, Minutes.Status.PUBLISHED]


def open_meetings(council):
    """The council's meetings whose agenda can still take items, oldest first."""
    return council.meetings.exclude(minutes__status__in=_LOCKED).order_by("date")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return date_format(meeting.date, "l j. F Y").capitalize()


class ProposalForm(FocusFirstErrorMixin, forms.ModelForm):
    """A proposal's texts and facts, as its handler (or the secretariat, once approved) edits them."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    wished_meeting = MeetingChoiceField(
        label=_("Ønsket møde"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Første mulige møde"),
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "case_number",
            "wished_meeting",
            "is_closed",
            "background",
            "recommendation",
            "presentation",
        ]
        widgets = TEXT_WIDGETS
        help_texts = {"case_number": CASE_NUMBER_FORMAT}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        # Coming meetings that can take items, and the one already wished for (even if past).
        coming = Q(date__gte=timezone.localdate()) & Q(pk__in=open_meetings(council).values("pk"))
        if self.instance.wished_meeting_id:
            coming |= Q(pk=self.instance.wished_meeting_id)
        self.fields["wished_meeting"].queryset = council.meetings.filter(coming).order_by("date")
        if self.instance.pk and not self.is_bound:
            self.initial["revision"] = self.instance.revision


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en kommentar.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="kommentar-%s", **kwargs)


class ReturnForm(FocusFirstErrorMixin, forms.Form):
    comment = forms.CharField(
        label=_("Hvorfor sendes punktforslaget retur?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv, hvorfor punktforslaget sendes retur.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="retur-%s", **kwargs)  # beside ApproveForm's comment


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar til sagsbehandleren (valgfri)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="godkend-%s", **kwargs)


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return f"{section.position}. {section.title}"


class PlaceForm(FocusFirstErrorMixin, forms.Form):
    """Where the secretariat puts an approved proposal: a section of one of the council's meetings whose
    agenda can still change (the meeting follows from the section, so one choice works without
    JavaScript); the sections are grouped by meeting."""

    section = SectionChoiceField(
        label=_("Møde og hovedpunkt"),
        queryset=AgendaSection.objects.none(),
        error_messages={"required": _("Vælg mødet og hovedpunktet.")},
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        sections = AgendaSection.objects.filter(
            meeting__in=open_meetings(proposal.council).filter(date__gte=_earliest(proposal))
        ).select_related("meeting")
        field = self.fields["section"]
        field.queryset = sections.order_by("meeting__date", "position")
        groups = {}
        for section in field.queryset:
            label = date_format(section.meeting.date, "l j. F Y").capitalize()
            groups.setdefault(label, []).append((section.pk, field.label_from_instance(section)))
        field.choices = [("", "---------"), *groups.items()]
        wished = proposal.wished_meeting_id
        if wished and not self.is_bound:
            # Where planned items land on the standard agenda ("Regionalpolitiske sager").
            usual = [s for s in field.queryset if s.meeting_id == wished and s.position == PLANNED_SECTION]
            self.initial["section"] = usual[0].pk if usual else None


def _earliest(proposal):
    """Meetings before the wished one are not offered (they are past, or not what was asked for)."""
    if proposal.wished_meeting_id:
        return min(proposal.wished_meeting.date, timezone.localdate())
    return timezone.localdate()


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tilføj bilag (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"required": _("Vælg en PDF-fil.")},
    )
    title = forms.CharField(
        label=_("Bilagets titel"), max_length=300, required=False, help_text=_("Tom: filens navn.")
    )
    is_closed = forms.BooleanField(label=_("Lukket bilag"), required=False)


class DeadlineForm(FocusFirstErrorMixin, forms.Form):
    """A meeting's submission deadline, as the secretariat moves it."""

    deadline = forms.SplitDateTimeField(
        label=_("Frist for punkter"),
        widget=forms.SplitDateTimeWidget(
            date_attrs={"type": "date"},
            time_attrs={"type": "time"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        ),
        error_messages={
            "required": _("Skriv dato og klokkeslæt for fristen."),
            "invalid": _("Ugyldig frist."),
        },
    )
    warning_days = forms.IntegerField(
        label=_("Varsel i dage"),
        min_value=0,
        max_value=60,
        help_text=_("Påmindelse så mange dage før fristen."),
    )


class RoleForm(FocusFirstErrorMixin, forms.Form):
    """Grant a role in the council's intake to an existing user."""

    user = forms.CharField(label=_("Brugernavn eller e-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Rolle"), choices=CouncilRole.Role.choices)
    step = forms.TypedChoiceField(
        label=_("Godkendelsestrin"), choices=[(1, "1"), (2, "2")], coerce=int, initial=1, required=False
    )
    initials = forms.CharField(
        label=_("Initialer"),
        max_length=10,
        required=False,
        help_text=_("Kræves for sagsbehandlere, fx »hast«."),
    )

    def clean_user(self):
        name = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(
            Q(username__iexact=name) | Q(email__iexact=name), is_active=True
        )
        found = list(users[:2])
        if len(found) != 1:
            raise forms.ValidationError(_("Der findes ingen bruger med det brugernavn eller den e-mail."))
        return found[0]

    def clean(self):
        data = super().clean()
        if data.get("role") == CouncilRole.Role.HANDLER and not (data.get("initials") or "").strip():
            self.add_error("initials", _("En sagsbehandler skal have initialer."))
        data["step"] = data.get("step") or 1
        return data


class IntakeSettingsForm(FocusFirstErrorMixin, forms.ModelForm):
    class Meta:
        model = IntakeSettings
        fields = ["review_steps", "deadline_working_days", "warning_days"]
