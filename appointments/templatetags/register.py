from django import template

from appointments import services

register = template.Library()


@register.filter
def party_on(person, on):
    """The person's party letter on the date ("" for løsgænger)."""
    return person.party_on(on)


@register.filter
def times(count):
    return range(count)


@register.filter
def has_ended(row):
    """An appointment or membership whose last day has passed (nothing left to end)."""
    return services.has_ended(row)
