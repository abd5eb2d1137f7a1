from django import forms
from django.utils.translation import gettext_lazy as _

from agendas.forms import FocusFirstErrorMixin
from kkr.subscriptions import AGENDAS, MINUTES


class SubscriptionForm(FocusFirstErrorMixin, forms.Form):
    """Asking for a subscription: an address, and whether agendas, minutes or both."""

    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@example.dk."),
        },
    )
    what = forms.MultipleChoiceField(
        label=_("Send mig en e-mail, når rådet offentliggør"),
        choices=[(AGENDAS, _("en dagsorden (også en rettet)")), (MINUTES, _("et referat"))],
        initial=[AGENDAS, MINUTES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Vælg dagsordener, referater eller begge."),
            "invalid_choice": _("Vælg dagsordener, referater eller begge."),
        },
    )
