from django import forms
from django.utils.translation import gettext_lazy as _

from kkr.models import Person
from minutes.models import ItemAbsence


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Beslutning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    standard = forms.CharField(required=False)  # a one-click standard decision's text
    # On the approval item only: approve the sent minutes of earlier meetings (unticked: take it back).
    approves = forms.BooleanField(required=False)


class SendForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Udsendt den"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class GuestsForm(forms.Form):
    guests = forms.CharField(
        label=_("Gæster"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én pr. linje, fx »Jens Jensen, direktør, Aalborg Kommune«."),
    )


class AbsenceForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Punkt"), coerce=int)
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    reason = forms.ChoiceField(label=_("Årsag"), choices=ItemAbsence.Reason.choices)

    def __init__(self, *args, items, people, **kwargs):
        """items: the (section, item) entries of the agenda version the minutes decide on."""
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (item.pk, f"{section.position}.{item.position}. {item.title}") for section, item in items
        ]
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])
