"""The test OpenID Connect provider as a pytest fixture: a real provider process on 127.0.0.1 (see
serve.py), with a client to create its users, register the portal and switch its mode."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "moedeportal", "portal-secret-for-tests"


@dataclass
class Provider:
    url: str  # the issuer: http://127.0.0.1:<port>/o

    @property
    def base(self) -> str:
        return self.url.removesuffix("/o")

    def _post(self, what, data):
        response = requests.post(f"{self.base}/control/{what}/", json=data, timeout=10)
        response.raise_for_status()

    def add_user(self, username, email, email_verified=True, password="kommune-kodeord"):
        data = {"username": username, "password": password, "email": email, "email_verified": email_verified}
        self._post("user", data)

    def register(self, redirect_uris):
        self._post(
            "client", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": redirect_uris}
        )

    def set_mode(self, mode):
        self._post("mode", {"mode": mode})


@pytest.fixture(scope="session")
def oidc_provider_process(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    log = (folder / "log.txt").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    port = process.stdout.readline().strip()
    assert port, (folder / "log.txt").read_text()
    yield Provider(f"http://127.0.0.1:{port}/o")
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def oidc_provider(oidc_provider_process):
    """The provider in its normal mode (a test may have switched it)."""
    oidc_provider_process.set_mode("normal")
    yield oidc_provider_process
    oidc_provider_process.set_mode("normal")
