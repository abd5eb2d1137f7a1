"""The four addresses of a family of documents, for the app that owns it to include in its URLconf:
the file (or its status page), "prepare" for htmx, the status a page polls, and retry."""

from django.urls import path

from documents import views


def document_paths(prefix: str, resolve: views.Resolve, name: str = "document") -> list:
    """prefix ends in "/"; resolve(request, kind_slug, **the prefix's kwargs) -> a Reading, or the
    address to send the reader to instead; names are name, name_prepare, name_status, name_retry."""
    extra = {"resolve": resolve, "name": name}
    kind = prefix + "<slug:kind_slug>/"
    document = kind + "<int:document_id>/"
    return [
        path(kind, views.download, extra, name=name),
        path(kind + "forbered/", views.prepare, extra, name=f"{name}_prepare"),
        path(document + "status/", views.status, extra, name=f"{name}_status"),
        path(document + "forsoeg-igen/", views.retry, extra, name=f"{name}_retry"),
    ]
