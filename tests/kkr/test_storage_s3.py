"""Uploaded attachments and rendered PDFs in an S3-compatible bucket, for a site on several machines:
against a real S3 server (moto in server mode, in its own process), through the real views and jobs."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from agendas.models import Attachment, Meeting
from documents import sections
from documents.models import RenderedDocument
from kkr.celery import app
from kkr.lib.files import save_once
from kkr.lib.pdf import LocalURLFetcher
from kkr.lib.simplepdf import text_pdf
from tests.devsite import free_port
from tests.pdftext import read_pages

ACCESS = {"aws_access_key_id": "kkr-test", "aws_secret_access_key": "kkr-test-secret"}
REGION = "eu-north-1"
MEETING = "/kkr-nordjylland/2021-04-23/"


@pytest.fixture(scope="module")
def s3_server():
    """A real S3 server on a free port, in a process of its own."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the S3 server did not start")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings):
    """A fresh private bucket, and the site's storage switched to it as settings.py does for
    STORAGE_BACKEND=s3."""
    name = f"kkr-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION, **ACCESS)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "kkr.lib.storage.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_server,
                "region_name": REGION,
                "access_key": ACCESS["aws_access_key_id"],
                "secret_key": ACCESS["aws_secret_access_key"],
            },
        },
    }
    client.name = name
    client.endpoint = s3_server
    return client


def keys(bucket, prefix=""):
    listing = bucket.list_objects_v2(Bucket=bucket.name, Prefix=prefix)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def anonymous_get(bucket, key):
    """An unsigned request for an object, as anyone who learnt its address would make it."""
    try:
        with urllib.request.urlopen(f"{bucket.endpoint}/{bucket.name}/{key}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def files_under(folder) -> list[Path]:
    return [path for path in Path(folder).rglob("*") if path.is_file()]


@pytest.fixture
def eager(monkeypatch, transactional_db):
    """Tasks run in the test process whatever broker is configured; the database commits, so the
    jobs are enqueued after commit as in production."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    return " ".join(page.text for page in read_pages(data))


def test_attachments_and_pdfs_live_in_the_bucket_and_stay_private(eager, bucket, client, settings):
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-04-23")
    item = meeting.sections.get(position=3).items.order_by("position").first()
    closed = text_pdf("Budgetnotat", ["Fortroligt budgettal 4711 for rådets medlemmer."], pages=2)
    assert client.login(username="sekretariat", password="demo-sekretariat")

    response = client.post(
        f"{MEETING}rediger/punkt/{item.pk}/bilag/",
        {"files": [SimpleUploadedFile("Budgetnotat.pdf", closed, "application/pdf")], "is_closed": "on"},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(item=item, title="Budgetnotat")
    assert attachment.is_closed
    response = client.post(
        f"{MEETING}rediger/offentliggoer/", {"sent_on": "2021-04-16", "confirm_date": "on"}
    )
    assert response.status_code == 302
    # Publishing rendered the readers' PDFs at once, into the bucket.
    documents = RenderedDocument.objects.filter(meeting=meeting, version__isnull=False)
    assert documents.count() == 4
    assert set(documents.values_list("status", flat=True)) == {RenderedDocument.Status.READY}
    finished = [key for key in keys(bucket, "documents/") if not key.startswith(f"{sections.PREFIX}/")]
    assert finished == sorted(document.file.name for document in documents)
    # The parts the agendas were assembled from are kept in the bucket too, for the next render.
    assert any(key.endswith(".pdf") for key in keys(bucket, f"{sections.PREFIX}/"))
    assert f"attachments/{attachment.sha256[:2]}/{attachment.sha256}.pdf" in keys(bucket, "attachments/")

    member = client
    member.logout()
    assert member.login(username="medlem", password="demo-medlem")
    assert item.title in pdf_text(member.get(f"{MEETING}pdf/dagsorden/"))
    assert "Fortroligt budgettal 4711" in pdf_text(member.get(f"{MEETING}pdf/samlet/"))
    response = member.get(f"{MEETING}bilag/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == closed

    member.logout()
    assert "Fortroligt budgettal 4711" not in pdf_text(client.get(f"{MEETING}pdf/samlet/"))
    assert client.get(f"{MEETING}bilag/{attachment.pk}/").status_code == 404

    # Nothing was written to the local disk: a second machine sees all of it in the bucket.
    assert files_under(settings.MEDIA_ROOT) == []
    # Whoever learns an object's address gets nothing from the bucket without credentials.
    members_pack = documents.get(kind="pack", audience="members").file.name
    assert anonymous_get(bucket, members_pack) == 403
    assert anonymous_get(bucket, attachment.file.name) == 403
    assert "X-Amz-Signature=" in default_storage.url(members_pack)  # never a plain public address


def test_the_anonymous_check_would_see_a_public_object(bucket):
    """The 403 above is the bucket refusing, not an address that leads nowhere."""
    bucket.put_object(Bucket=bucket.name, Key="public.txt", Body=b"open", ACL="public-read")
    assert anonymous_get(bucket, "public.txt") == 200


def test_the_same_content_is_stored_once_and_never_overwritten(bucket, db):
    name = "attachments/ab/abc.pdf"
    assert save_once(default_storage, name, b"%PDF-1 first") == name
    assert save_once(default_storage, name, b"%PDF-1 first") == name
    assert keys(bucket) == [name]
    # Two machines storing the same name at once: the second finds it taken and keeps the first.
    with pytest.raises(FileExistsError):
        default_storage.save(name, ContentFile(b"%PDF-1 other"))
    assert bucket.get_object(Bucket=bucket.name, Key=name)["Body"].read() == b"%PDF-1 first"
    assert keys(bucket) == [name]


def test_the_same_attachment_uploaded_twice_is_one_object(eager, bucket, client):
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-04-23")
    first, second = meeting.sections.get(position=3).items.order_by("position")[:2]
    data = text_pdf("Tidsplan", ["Tidsplan for masterplanen."])
    before = keys(bucket, "attachments/")
    assert client.login(username="sekretariat", password="demo-sekretariat")
    for item in (first, second):
        upload = SimpleUploadedFile("Tidsplan.pdf", data, "application/pdf")
        assert client.post(f"{MEETING}rediger/punkt/{item.pk}/bilag/", {"files": [upload]}).status_code == 302
    stored = Attachment.objects.filter(title="Tidsplan")
    assert stored.count() == 2
    assert len(set(stored.values_list("file", flat=True))) == 1
    assert len(keys(bucket, "attachments/")) == len(before) + 1


def test_the_pdf_fetcher_reads_media_from_the_bucket(bucket, db, settings):
    save_once(default_storage, "attachments/a.pdf", b"%PDF-1.4 in the bucket")
    assert LocalURLFetcher().fetch("media:attachments/a.pdf").read() == b"%PDF-1.4 in the bucket"
    assert files_under(settings.MEDIA_ROOT) == []


def test_health_writes_to_the_bucket(bucket, db, client):
    assert client.get("/health/").json()["storage"] == "ok"
    assert keys(bucket, "health/") == []  # the probe is removed again


@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker set: tasks run eagerly")
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_another_machine_renders_into_the_bucket(
    bucket, client, settings, start_worker, worker_env, tmp_path
):
    """The worker has the bucket settings from its environment (settings.py, STORAGE_BACKEND=s3) and a
    media folder of its own, as a second machine has: what it renders, the web process serves."""
    worker_env.update(
        STORAGE_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME=bucket.name,
        AWS_S3_ENDPOINT_URL=bucket.endpoint,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID=ACCESS["aws_access_key_id"],
        AWS_SECRET_ACCESS_KEY=ACCESS["aws_secret_access_key"],
        MEDIA_ROOT=str(tmp_path / "other-machine"),
    )
    call_command("load_demo", stdout=None)
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-04-23")
    item = meeting.sections.get(position=3).items.order_by("position").first()
    closed = text_pdf("Budgetnotat", ["Fortroligt budgettal 4711 for rådets medlemmer."], pages=2)
    start_worker()
    assert client.login(username="sekretariat", password="demo-sekretariat")
    upload = SimpleUploadedFile("Budgetnotat.pdf", closed, "application/pdf")
    client.post(f"{MEETING}rediger/punkt/{item.pk}/bilag/", {"files": [upload], "is_closed": "on"})
    client.post(f"{MEETING}rediger/offentliggoer/", {"sent_on": "2021-04-16", "confirm_date": "on"})

    documents = RenderedDocument.objects.filter(meeting=meeting, version__isnull=False)
    deadline = time.monotonic() + 180
    while set(documents.values_list("status", flat=True)) != {RenderedDocument.Status.READY}:
        assert time.monotonic() < deadline, list(documents.values_list("status", "error"))
        time.sleep(0.5)
    finished = [key for key in keys(bucket, "documents/") if not key.startswith(f"{sections.PREFIX}/")]
    assert finished == sorted(document.file.name for document in documents)
    # The parts the agendas were assembled from are kept in the bucket too, for the next render.
    assert any(key.endswith(".pdf") for key in keys(bucket, f"{sections.PREFIX}/"))

    client.logout()
    assert client.login(username="medlem", password="demo-medlem")
    assert "Fortroligt budgettal 4711" in pdf_text(client.get(f"{MEETING}pdf/samlet/"))
    assert files_under(settings.MEDIA_ROOT) == []
    assert files_under(tmp_path / "other-machine") == []
