from django.core.files.base import ContentFile


def save_once(storage, name: str, data: bytes) -> str:
    """Store content-addressed data under `name` unless it is already there, through the storage API
    alone (the local disk or a bucket). Our backends (kkr.lib.storage) write a name once, atomically:
    when another process stores the same content between the check and the write, its file stands."""
    if storage.exists(name):
        return name
    try:
        saved = storage.save(name, ContentFile(data))
    except FileExistsError:
        return name
    if saved != name:
        # A backend that picks another name for a taken one: the file under `name` has this content.
        storage.delete(saved)
    return name
