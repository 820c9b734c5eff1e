"""Cited, extractive question answering over the 数字丝路 report."""

from assistant.config import Settings

__all__ = ["Settings"]
