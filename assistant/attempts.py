"""Remember a document whose indexing never finished, so it is not retried into the same crash.

Before a document is parsed and embedded, a marker named by its cache key is written to
`index/attempts/`; it is removed when the document is done or fails with an exception. A marker still
there on the next build means the process was killed on that document (out of memory, kill -9): the
document is then skipped with that reason instead of taking the machine down on every `ask` or `serve`.
`ingest --force` clears the markers and tries again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ATTEMPTS_DIR = "attempts"
UNFINISHED = "indexing it did not finish last time (the process was killed: out of memory?); " \
             "`assistant ingest --force` tries again"


class Attempts:
    def __init__(self, index_dir: Path) -> None:
        self.folder = index_dir / ATTEMPTS_DIR

    def unfinished(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def begin(self, key: str, rel: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / key).write_text(rel + "\n", encoding="utf-8")

    def end(self, key: str) -> None:
        (self.folder / key).unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
