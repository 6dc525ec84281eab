from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(autouse=True)
def _own_record_cache(tmp_path_factory, monkeypatch) -> None:
    """Each test gets an empty cache of parsed records (cme_notes.cache), never the user's ~/.cache:
    a test that times or interrupts parsing must find nothing already parsed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.delenv("CME_NOTES_NO_CACHE", raising=False)
