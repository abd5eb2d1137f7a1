"""Where uploaded attachments and rendered PDFs are kept: the local disk (MEDIA_ROOT) or an S3-compatible
bucket that several machines share (settings.STORAGES, from STORAGE_BACKEND).

Every file is named by its content hash, so both backends write a name once: `save()` stores the file
under exactly the name it is given, or raises FileExistsError when the name is taken, and never
overwrites it or picks another name (kkr.lib.files.save_once relies on this). A file appears whole or
not at all: a process killed mid-write leaves nothing under the name for the next one to trust.
"""

import os
import tempfile
from pathlib import Path

from botocore.exceptions import ClientError
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs
from storages.backends import s3
from storages.utils import clean_name


class WriteOnceMixin:
    """save() keeps the name it is given (see the module's docstring)."""

    def is_name_available(self, name, max_length=None):
        # A taken name is refused when it is written (atomically), not swapped for another one here.
        return not (max_length and len(name) > max_length)


class LocalStorage(WriteOnceMixin, FileSystemStorage):
    """The local disk. A file is written beside its name and hard-linked into place, which fails
    instead of replacing a file that is there."""

    def _save(self, name, content):
        path = self.path(name)
        directory = os.path.dirname(path)
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError:
            # Not "the name is taken", which save_once would take for "stored already".
            raise NotADirectoryError(f"{directory} exists and is not a folder") from None
        fd, part = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk.encode() if isinstance(chunk, str) else chunk)
            mode = self.file_permissions_mode
            os.chmod(part, 0o644 if mode is None else mode)
            os.link(part, path)
        finally:
            os.unlink(part)
        self._ensure_location_group_id(path)
        return os.path.relpath(path, self.location).replace("\\", "/")

    def _open(self, name, mode="rb"):
        # A symbolic link leading out of the media folder is not one of our files.
        path = Path(self.path(name)).resolve()
        if not path.is_relative_to(Path(self.location).resolve()):
            raise SuspiciousFileOperation(f"{name!r} leads out of the media folder")
        return File(open(path, mode))


# What S3 answers a conditional write whose name is taken (or being written by another request).
_TAKEN = {"PreconditionFailed", "ConditionalRequestConflict"}


class S3Storage(WriteOnceMixin, s3.S3Storage):
    """django-storages' S3 storage (any S3-compatible service). Objects are written with
    `If-None-Match: *`, so the bucket itself refuses to replace one, and without an ACL, so they
    are as private as the bucket; addresses are signed and expire (readers download through the
    views, which check access)."""

    def __init__(self, **settings):
        super().__init__(**{"default_acl": None, "querystring_auth": True, **settings})

    def _save(self, name, content):
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        params = self._get_write_parameters(key, content)
        content.seek(0)
        try:
            self.bucket.Object(key).put(Body=content, IfNoneMatch="*", **params)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _TAKEN:
                raise FileExistsError(f"{name} is stored already") from None
            raise
        return cleaned
