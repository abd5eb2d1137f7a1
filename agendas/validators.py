from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_case_number = RegexValidator(
    regex=r"^SAG-\d{4}-\d{5}\Z",
    message=_("Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512."),
    code="invalid_case_number",
)
