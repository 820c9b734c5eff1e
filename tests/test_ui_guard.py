"""The web app refuses unknown Host headers (DNS rebinding) and every upload; API errors log one line."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")
from starlette.applications import Starlette  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from ui_server import running_app  # noqa: E402

from assistant.cli import build_parser  # noqa: E402
from assistant.ui.guard import HostAndUploadGuard, allowed_hosts, host_name  # noqa: E402

pytestmark = [
    pytest.mark.filterwarnings("ignore:'future.no_silent_downcasting'"),  # inside gradio's queue
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


def test_allowed_hosts_and_host_names() -> None:
    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("0.0.0.0", ["Assistant.LAN "]) == {"127.0.0.1", "localhost", "::1", "assistant.lan"}
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")
    assert [host_name(h) for h in ("127.0.0.1:7860", "LOCALHOST", "[::1]:80", "::1", "evil.example:80")] == [
        "127.0.0.1", "localhost", "::1", "::1", "evil.example"]
    args = build_parser().parse_args(["serve", "--allowed-host", "a.lan", "--allowed-host", "b.lan"])
    assert args.allowed_host == ["a.lan", "b.lan"]


@pytest.fixture
def guarded() -> TestClient:
    async def ok(_request):
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/{path:path}", ok, methods=["GET", "POST"])])
    return TestClient(HostAndUploadGuard(app, allowed_hosts("127.0.0.1", ["assistant.lan"])))


@pytest.mark.parametrize(("host", "status"), [("127.0.0.1:7860", 200), ("localhost", 200), ("assistant.lan", 200),
                                              ("evil.example", 400), ("127.0.0.1.evil.example", 400), ("", 400)])
def test_the_guard_checks_the_host(guarded: TestClient, host: str, status: int) -> None:
    assert guarded.get("/", headers={"host": host}).status_code == status


@pytest.mark.parametrize("path", ["/gradio_api/upload", "/upload", "/gradio_api/upload/", "/x/upload"])
def test_the_guard_refuses_uploads(guarded: TestClient, path: str) -> None:
    response = guarded.post(path, headers={"host": "127.0.0.1"}, files={"files": ("a.txt", b"x")})
    assert response.status_code == 403 and "uploads are disabled" in response.text


# --- the real app ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(real_assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(real_assistant, tmp_path_factory.mktemp("gradio-guard")) as (_demo, url):
        yield url


def status(url: str, host: str | None = None, data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers={**({"Host": host} if host else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_the_app_refuses_other_hosts_and_uploads(served: str) -> None:
    assert status(served) == 200
    assert status(served, host="localhost") == 200
    assert status(served, host="evil.example") == 400
    assert status(served + "gradio_api/info", host="evil.example") == 400
    body = b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nx\r\n--b--\r\n'
    form = {"Content-Type": "multipart/form-data; boundary=b"}
    assert status(served + "gradio_api/upload", data=body, headers=form) == 403
    assert status(served + "upload", data=body, headers=form) == 403


@pytest.mark.slow
def test_an_over_long_question_logs_one_line(served: str, capfd: pytest.CaptureFixture[str],
                                             caplog: pytest.LogCaptureFixture) -> None:
    client = gradio_client.Client(served, verbose=False)
    capfd.readouterr()
    with caplog.at_level(logging.WARNING, logger="assistant.ui"), \
            pytest.raises(gradio_client.exceptions.AppError, match="too long"):
        client.predict("问" * 3000, api_name="/ask")
    _out, err = capfd.readouterr()
    assert "Traceback" not in err
    refused = [r.getMessage() for r in caplog.records if r.name == "assistant.ui"]
    assert len(refused) == 1 and refused[0].startswith("/ask refused: invalid question: the question is too long")
    assert "\n" not in refused[0]
