"""Ingestion: corpus files -> ParsedDocuments of citable paragraphs and footnote sources.

normalise repairs extraction damage, footnotes reads notes and marks,
structure finds headings, front matter, tables and locators, ids gives
content-derived IDs, pdf reads PDFs and loader does all file I/O.
"""

from assistant.ingest.loader import (
    CorpusError,
    ParsedDocument,
    document_paths,
    load_corpus,
    load_document,
    parse_text,
)

__all__ = ["CorpusError", "ParsedDocument", "document_paths", "load_corpus", "load_document", "parse_text"]
