"""The demo's draft meeting of 23 April 2021, and a client logged in as its secretariat."""

import pytest
from django.core.management import call_command

from agendas.models import Meeting


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date="2021-04-23")


@pytest.fixture
def secretary_client(client, demo):
    assert client.login(username="sekretariat", password="demo-sekretariat")
    return client
