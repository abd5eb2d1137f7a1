"""Logging helpers for the settings' LOGGING."""

import logging

from django.core.exceptions import PermissionDenied


class RefusalsInOneLine(logging.Filter):
    """A refused request (403) is an expected event, not an error: log its line without the
    traceback Django attaches. Real errors keep theirs."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
