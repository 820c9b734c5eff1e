"""The Gradio web front end (`assistant serve`); gradio is imported only when the app is built.

`handlers` (answers, citation panels), `reader` (the report, its sources), `markup` (escaping, links, highlights) and
`tools` (quiz, check) hold the pure HTML builders; `app` holds `build_app`, `api` its endpoints, `serve` `launch`.
"""

from __future__ import annotations

import os
from typing import Any

# Before gradio is first imported (by assistant.ui.app): no usage analytics leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

__all__ = ["build_app", "launch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from assistant.ui import app, serve

        return getattr(serve if name == "launch" else app, name)
    raise AttributeError(f"module 'assistant.ui' has no attribute {name!r}")
