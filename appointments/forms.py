from django import forms
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, AgendaSection
from appointments.models import Appointment, Body, Seat, Term
from kkr.models import Membership, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class AsOfForm(forms.Form):
    dato = date_field(_("Pr. dato"), required=False)


def decision_items(council):
    """The council's items in the appointments section ("Udpegninger", whatever its title), newest meeting
    first: what can decide an appointment."""
    return (
        AgendaItem.objects.filter(
            section__meeting__council=council, section__role=AgendaSection.Role.APPOINTMENTS
        )
        .select_related("section__meeting__council")
        .order_by("-section__meeting__date", "position")
    )


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.section.meeting.date:%d-%m-%Y}, punkt {item.number.rstrip('.')} {item.title}"


class RegisterForm(forms.Form):
    """Fields shared by the forms that put someone in a seat."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.all())
    start = date_field(_("Fra"))
    decided_by = DecisionChoiceField(
        label=_("Besluttet under punkt"), queryset=AgendaItem.objects.none(), required=False
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].queryset = decision_items(council)


class AppointForm(RegisterForm):
    end = date_field(_("Til"), required=False, help_text=_("Tom: indtil videre."))
    substitute_for = forms.ModelChoiceField(
        label=_("Personlig stedfortræder for"), queryset=Person.objects.none(), required=False
    )
    field_order = ["person", "substitute_for", "start", "end", "decided_by", "note"]

    def __init__(self, *args, seat, **kwargs):
        super().__init__(*args, council=seat.council, **kwargs)
        if seat.role == Seat.Role.SUBSTITUTE:
            # Whoever has (had) a non-substitute seat in the body for this council.
            principals = Appointment.objects.filter(seat__body=seat.body, seat__council=seat.council).exclude(
                seat__role=Seat.Role.SUBSTITUTE
            )
            self.fields["substitute_for"].queryset = Person.objects.filter(
                pk__in=principals.values("person")
            ).distinct()
        else:
            del self.fields["substitute_for"]


class MembershipForm(RegisterForm):
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)
    substitute_for = forms.ModelChoiceField(
        label=_("Personlig stedfortræder for"), queryset=Person.objects.none(), required=False
    )
    field_order = ["person", "role", "substitute_for", "start", "decided_by", "note"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        members = Membership.objects.filter(council=council).exclude(role=Membership.Role.SUBSTITUTE)
        self.fields["substitute_for"].queryset = Person.objects.filter(
            pk__in=members.values("person")
        ).distinct()


class EndForm(forms.Form):
    end = date_field(_("Sidste dag"))
    reason = forms.CharField(label=_("Årsag"), max_length=300)


class LeaveForm(forms.Form):
    on = date_field(_("Sidste dag"))
    reason = forms.CharField(label=_("Årsag"), max_length=300, help_text=_("Fx: Udtrådt af byrådet."))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PartyForm(forms.Form):
    party = forms.CharField(
        label=_("Nyt partibogstav"), max_length=3, required=False, help_text=_("Tom for løsgænger.")
    )
    on = date_field(_("Fra"))
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "party", "municipality"]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "slug", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["role", "count", "note"]

    def __init__(self, *args, body, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body, self.instance.council = body, council

    def clean_role(self):
        role = self.cleaned_data["role"]
        if Seat.objects.filter(body=self.instance.body, council=self.instance.council, role=role).exists():
            raise forms.ValidationError(_("Organet har allerede pladser med den rolle for rådet."))
        return role


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["label", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}


class CarryOverForm(forms.Form):
    old = forms.ModelChoiceField(label=_("Fra valgperioden"), queryset=Term.objects.all())
    new = forms.ModelChoiceField(label=_("Til valgperioden"), queryset=Term.objects.all())

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("new") and data["new"].start <= data["old"].end:
            raise forms.ValidationError(_("Den nye valgperiode skal begynde efter den gamle."))
        return data
