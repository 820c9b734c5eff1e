"""The index: store, records, document cache, build, load, incremental ingest, dense, lexical, embedders.

Kept empty on purpose: importing `assistant.index.embed` must not load faiss or bm25s.
"""
