"""The demo's meeting of 5 February 2021, whose minutes are a draft, and a client logged in as its
secretariat."""

import pytest
from django.core.management import call_command

from agendas.models import Meeting


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date="2021-02-05")


@pytest.fixture
def secretary(client, demo):
    assert client.login(username="sekretariat", password="demo-sekretariat")
    return client
