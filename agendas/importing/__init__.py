"""Import of existing agendas (PDF or text) into structured draft meetings.

read_agenda(data, filename) -> ImportedAgenda, or ImportRefused with a message for the user.
"""

from agendas.importing.reader import read_agenda
from agendas.importing.result import ImportedAgenda, ImportedItem, ImportedSection, ImportRefused

__all__ = ["ImportRefused", "ImportedAgenda", "ImportedItem", "ImportedSection", "read_agenda"]
