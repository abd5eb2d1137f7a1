from django import forms
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem
from kkr.models import Person
from minutes.models import ItemAbsence


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Beslutning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    standard = forms.CharField(required=False)  # a one-click standard decision's text


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
    item = forms.ModelChoiceField(label=_("Punkt"), queryset=AgendaItem.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    reason = forms.ChoiceField(label=_("Årsag"), choices=ItemAbsence.Reason.choices)

    def __init__(self, *args, meeting, people, **kwargs):
        super().__init__(*args, **kwargs)
        items = AgendaItem.objects.filter(section__meeting=meeting).select_related("section")
        self.fields["item"].queryset = items.order_by("section__position", "position")
        self.fields["item"].label_from_instance = lambda item: f"{item.number} {item.title}"
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])
