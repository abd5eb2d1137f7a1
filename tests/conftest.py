import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a fresh folder per test, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
