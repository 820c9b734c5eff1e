"""The web app on a free loopback port, for the gradio_client and browser tests."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import loopback_only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(assistant: object, temp_dir: Path) -> Iterator[tuple[object, str]]:
    """(app, url) while the app serves; gradio's files go to `temp_dir` and only loopback is reachable.

    The per-test network guard ends with each test, so a module-scoped server
    carries its own for as long as it runs.
    """
    from assistant.ui.serve import launch

    old_temp = os.environ.get("GRADIO_TEMP_DIR")
    os.environ["GRADIO_TEMP_DIR"] = str(temp_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", loopback_only(socket.socket.connect))
        port = free_port()
        demo = launch(assistant, port=port, prevent_thread_lock=True, quiet=True)
        try:
            yield demo, f"http://127.0.0.1:{port}/"
        finally:
            demo.close()
            if old_temp is None:
                os.environ.pop("GRADIO_TEMP_DIR", None)
            else:
                os.environ["GRADIO_TEMP_DIR"] = old_temp
