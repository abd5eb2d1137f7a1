"""The portal's e-mail message: Django's, with the List-Unsubscribe header written as mail programs
read it.

Python's e-mail package folds a header line longer than 78 characters, and a single word too long to
fold (an unsubscribe address with its token) it writes as RFC 2047 encoded words,
"=?utf-8?q?=3Chttps=3A//…?=": no mail program finds the address in that, and one-click unsubscribing
(RFC 8058) is not offered. RFC 2369's URL headers are written unfolded instead; a line may hold 998
characters (RFC 5322)."""

import email.policy
from email.headerregistry import HeaderRegistry

from django.core.mail import EmailMessage

URL_HEADERS = ("list-unsubscribe", "list-unsubscribe-post", "list-help", "list-archive")


class UnfoldedHeader:
    """A header that is written as it was given, on one line (with email.headerregistry.BaseHeader)."""

    max_count = 1

    @classmethod
    def parse(cls, value, kwds):
        kwds["decoded"] = value
        kwds["parse_tree"] = None  # fold() below needs none
        kwds["defects"] = []

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


def _registry():
    registry = HeaderRegistry()
    for name in URL_HEADERS:
        registry.map_to_type(name, UnfoldedHeader)
    return registry


_REGISTRY = _registry()


class PortalEmailMessage(EmailMessage):
    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(header_factory=_REGISTRY))
