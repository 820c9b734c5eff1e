"""Shared fixtures: no network, an offline Hugging Face hub, a session-wide real index."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "digital-silk-road-report.txt"
ALIASES = ROOT / "corpus" / "aliases.toml"

_real_connect = socket.socket.connect


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False
    return isinstance(address, (str, bytes))  # unix sockets are local


def loopback_only(real_connect):
    """`connect` that refuses any address off this machine."""

    def guarded(self: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise RuntimeError(f"network access blocked in tests: {address!r}")
        return real_connect(self, address)

    return guarded


@pytest.fixture(autouse=True)
def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection that leaves the machine fails the test; loopback is allowed."""
    monkeypatch.setattr(socket.socket, "connect", loopback_only(_real_connect))


@pytest.fixture(scope="session")
def report_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder holding only the real report."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(REPORT, folder / REPORT.name)
    shutil.copy(ALIASES, folder / ALIASES.name)
    return folder


@pytest.fixture
def corpus(report_corpus: Path, tmp_path: Path) -> Path:
    """A private, editable copy of the report corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    shutil.copy(ALIASES, folder / ALIASES.name)
    return folder


@pytest.fixture(scope="session")
def real_assistant(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real default embedder over the real report, built once per test session."""
    from assistant.config import Settings
    from assistant.pipeline import Assistant

    settings = Settings(corpus_dir=report_corpus, index_dir=tmp_path_factory.mktemp("index"))
    return Assistant.open(settings)
