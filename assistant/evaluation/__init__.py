"""Offline evaluation: the question set, pure metrics, the harness and its reports."""
