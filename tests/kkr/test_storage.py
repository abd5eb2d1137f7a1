"""The local disk as the file storage: a name is written once and whole (tests/kkr/test_storage_s3.py
holds the same for a bucket)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

from kkr.lib.files import save_once

ROOT = Path(__file__).resolve().parents[2]


def test_a_taken_name_is_neither_overwritten_nor_renamed(settings):
    name = "documents/ab/abc.pdf"
    assert default_storage.save(name, ContentFile(b"%PDF first")) == name
    with pytest.raises(FileExistsError):
        default_storage.save(name, ContentFile(b"%PDF other"))
    assert default_storage.open(name).read() == b"%PDF first"
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT, "documents/ab").iterdir()) == ["abc.pdf"]


def test_save_once_keeps_what_another_process_stored_first(settings):
    name = "attachments/ab/abc.pdf"
    assert save_once(default_storage, name, b"%PDF same") == name
    assert save_once(default_storage, name, b"%PDF same") == name
    assert [p.name for p in Path(settings.MEDIA_ROOT, "attachments/ab").iterdir()] == ["abc.pdf"]


class Failing(File):
    """Content whose reading breaks off after the first chunk (a full disk, a lost upload)."""

    def __init__(self):
        super().__init__(None, name="x.pdf")

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 the first part"
        raise OSError("the rest never came")


def test_a_write_that_breaks_off_leaves_nothing_under_the_name(settings):
    name = "documents/cd/cde.pdf"
    with pytest.raises(OSError, match="the rest never came"):
        default_storage.save(name, Failing())
    assert not default_storage.exists(name)
    assert list(Path(settings.MEDIA_ROOT, "documents/cd").iterdir()) == []
    assert save_once(default_storage, name, b"%PDF whole") == name
    assert default_storage.open(name).read() == b"%PDF whole"


KILLED_MID_WRITE = """
import sys, time, django
django.setup()
from django.core.files.base import File
from django.core.files.storage import default_storage

class Slow(File):
    def __init__(self):
        super().__init__(None, name="x.pdf")

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 the first part"
        print("writing", flush=True)
        time.sleep(60)
        yield b"the rest"

default_storage.save("documents/ef/efg.pdf", Slow())
"""


def test_a_process_killed_mid_write_leaves_nothing_under_the_name(settings):
    env = {**os.environ, "MEDIA_ROOT": str(settings.MEDIA_ROOT), "DJANGO_SETTINGS_MODULE": "kkr.settings"}
    env.pop("STORAGE_BACKEND", None)
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        writer.stdout.close()
    name = "documents/ef/efg.pdf"
    assert not default_storage.exists(name)
    assert save_once(default_storage, name, b"%PDF whole") == name
    assert default_storage.open(name).read() == b"%PDF whole"


def test_the_storage_does_not_follow_a_link_out_of_the_media_folder(settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True)
    (media / "escape").symlink_to("/etc/passwd")
    with pytest.raises(Exception, match="leads out of the media folder"):
        default_storage.open("escape")


def test_a_file_where_a_folder_belongs_is_an_error_not_a_stored_file(settings):
    folder = Path(settings.MEDIA_ROOT, "attachments")
    folder.mkdir(parents=True)
    (folder / "ab").write_bytes(b"not a folder")
    with pytest.raises(NotADirectoryError):
        save_once(default_storage, "attachments/ab/abc.pdf", b"%PDF")
