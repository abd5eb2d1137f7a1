import os
import tempfile

from django.core.files.base import ContentFile


def save_once(storage, name: str, data: bytes) -> str:
    """Store content-addressed data under `name` unless it is already there.

    On the local file system the file appears in one atomic rename, so a process killed mid-write
    never leaves a partial file under the final name for the next run to trust.
    """
    if storage.exists(name):
        return name
    try:
        path = storage.path(name)
    except NotImplementedError:  # a remote storage: its save is atomic
        return storage.save(name, ContentFile(data))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return name
