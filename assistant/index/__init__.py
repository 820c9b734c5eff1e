"""The index: a base generation plus a delta, each a segment (segment.py) of paragraph records read on
demand (paragraph_store), BM25 postings (lexical), unit vectors (dense), a bigram text key (text_key);
written by build (a full build), delta (a changed document) and compact (delta merged into the base),
opened by load, kept in step with the corpus by incremental; store switches them atomically.

Kept empty on purpose: importing `assistant.index.embed` must not load faiss.
"""
