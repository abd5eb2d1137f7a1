import datetime


class IsoDateConverter:
    """A date in a URL as YYYY-MM-DD, e.g. /kkr-nordjylland/2021-02-05/."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            # Makes the URL resolver try the next pattern, and finally answer 404.
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value
