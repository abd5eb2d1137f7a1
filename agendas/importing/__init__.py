"""Import of existing agendas (PDF or text) into structured draft meetings.

read_agenda(data, filename) -> ImportedAgenda, or ImportRefused with a message for the user.
"""

from agendas.importing.result import ImportedAgenda, ImportedItem, ImportedSection, ImportRefused

__all__ = ["ImportRefused", "ImportedAgenda", "ImportedItem", "ImportedSection", "read_agenda"]


def read_agenda(data: bytes, filename: str) -> ImportedAgenda:
    """The agenda found in a .pdf or .txt file's bytes; ImportRefused if there is none."""
    from agendas.importing.reader import read_agenda as read

    return read(data, filename)
