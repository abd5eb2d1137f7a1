import pytest
from django.core.exceptions import ValidationError

from agendas.services import add_attachment
from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case_number", ["SAG-2021-00512", "SAG-1999-00001"])
def test_valid_case_numbers_are_accepted(case_number):
    item = make_item(case_number=case_number)
    item.full_clean()


@pytest.mark.parametrize(
    "case_number", ["SAG-2021-512", "sag-2021-00512", "SAG-21-00512", "2021-00512", "SAG-2021-00512 "]
)
def test_invalid_case_number_gets_a_danish_message(case_number):
    item = make_item()
    item.case_number = case_number
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    message = "Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512."
    assert message in error.value.message_dict["case_number"]


def test_an_upload_that_is_not_a_pdf_is_refused_and_nothing_is_saved():
    item = make_item()
    with pytest.raises(ValidationError, match="ikke en PDF-fil"):
        add_attachment(item, "Falsk bilag", b"MZ\x90\x00 this is an executable")
    with pytest.raises(ValidationError, match="beskadiget"):
        add_attachment(item, "Halvt bilag", b"%PDF-1.4\n garbage that is not a pdf")
    assert item.attachments.count() == 0


def test_a_pdf_attachment_records_hash_and_pages():
    from tests.factories import make_attachment

    attachment = make_attachment(make_item(), "Notat")
    assert attachment.page_count == 2
    assert len(attachment.sha256) == 64
    assert attachment.file.name == f"attachments/{attachment.sha256[:2]}/{attachment.sha256}.pdf"
