from django import template

register = template.Library()


@register.filter
def party_on(person, on):
    """The person's party letter on the date ("" for løsgænger)."""
    return person.party_on(on)


@register.filter
def times(count):
    return range(count)
