"""The tests that compare with the printed agenda, or grep PDFs for secrets, cannot quietly skip."""

from pathlib import Path

import pytest
from django.http import HttpResponse

from kkr.lib.simplepdf import text_pdf
from tests.data import SEED
from tests.test_crawl import text_of

ROOT = Path(__file__).resolve().parents[1]


def test_the_printed_agendas_text_is_part_of_the_repository():
    assert SEED.is_file()
    assert SEED.resolve().is_relative_to(ROOT)
    assert "1. Godkendelse af referat" in SEED.read_text(encoding="utf-8")


def test_the_crawl_refuses_to_read_a_pdf_without_pdftotext(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(AssertionError, match="pdftotext"):
        text_of(HttpResponse(text_pdf("KODEORD-LUKKET", ["hemmeligt"])))
