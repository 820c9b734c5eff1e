"""Serving the app: queue, host guard, gradio's launch options (`assistant serve`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.pipeline import Assistant
from assistant.ui.app import CSS_PATH, build_app
from assistant.ui.guard import HostAndUploadGuard
from assistant.ui.guard import allowed_hosts as guard_hosts


def status_words() -> gr.I18n:
    """Words gradio's screen-reader status line looks up but does not ship ("common.complete" was read out)."""
    words = {"common.complete": "完成 Complete", "common.error": "出错 Error", "common.loading": "加载中 Loading"}
    return gr.I18n(en=words, **{"zh-CN": words, "zh-TW": words})


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860, allowed_hosts: Sequence[str] = (),
           **kwargs: Any) -> gr.Blocks:
    """Build, queue and serve the app (blocks unless `prevent_thread_lock=True`); returns the Blocks.

    Requests whose Host is not 127.0.0.1, localhost, `host` or one of `allowed_hosts` get 400; upload
    routes get 403 (the app takes no files).
    """
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=2)
    guard = Middleware(HostAndUploadGuard, allowed=guard_hosts(host, allowed_hosts))
    options: dict[str, Any] = {"server_name": host, "server_port": port, "share": False, "i18n": status_words(),
                               "css_paths": [CSS_PATH], "footer_links": ["api"], "max_file_size": "1kb",
                               "app_kwargs": {"middleware": [guard]}}
    options.update(kwargs)
    demo.launch(**options)
    return demo
