"""Milvus backend: BM25 over our jieba tokens and dense unit vectors, searched in Milvus.

Two collections per index generation (`asst_<generation>_p` for paragraphs, `_u` for units):
paragraphs carry their jieba search-mode tokens (the same BM25 input as the FAISS backend) with a
Milvus BM25 function making the sparse vectors; units carry the dense vectors. Each token is
spelled as a 16-letter code so Milvus's `standard` analyzer keeps our segmentation as is (Milvus
Lite offers only `standard` and its own `jieba`). Both searches run in Milvus; their scores are
fused by the same score fusion as the default backend, and paragraphs, sentences and quoting
vectors come from the local generation, so answers and citations keep one contract.

A collection pair is complete when its row counts match the generation; otherwise (first open,
a crash mid-upload) it is dropped and uploaded again. Pairs of other generations are dropped
once the live one is complete. URI: a file path is Milvus Lite; http(s)://host:19530 is
Standalone or Distributed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from assistant.context import indexed_texts
from assistant.index.load import LoadedIndex
from assistant.index.store import BackendUnavailable
from assistant.text import tokenize

PREFIX = "asst_"
_DIGITS = str.maketrans("0123456789", "ghijklmnop")
MAX_TOKENS_CHARS = 60_000  # a VARCHAR holds 65,535 bytes
MAX_LIMIT = 16_384  # Milvus's largest top-k
LEXICAL_DEPTH = 1_000  # paragraphs asked of BM25 in a large library (the rest score 0)
BATCH = 1_000


def token_code(token: str) -> str:
    """A token as 16 lowercase letters: one word for any analyzer, the same for the same token."""
    return hashlib.blake2b(token.encode("utf-8"), digest_size=8).hexdigest().translate(_DIGITS)


def encode_tokens(tokens: Sequence[str]) -> str:
    return " ".join(token_code(t) for t in tokens)[:MAX_TOKENS_CHARS] or "empty"


def collection_base(generation_name: str) -> str:
    return PREFIX + re.sub(r"[^0-9A-Za-z_]", "_", generation_name)


class MilvusBackend:
    name = "milvus"

    def __init__(self, client, base: str, paragraphs: int, units: int) -> None:
        self._client = client
        self._paragraphs, self._units = f"{base}_p", f"{base}_u"
        self.n = paragraphs
        self.units = units

    @classmethod
    def open(cls, index: LoadedIndex, uri: str) -> MilvusBackend:
        """Connect, upload this generation if Milvus does not hold it complete, drop older generations."""
        try:
            from pymilvus import MilvusClient, MilvusException
        except ImportError as exc:
            raise BackendUnavailable(
                "the Milvus backend needs pymilvus and milvus-lite: pip install 'assistant[milvus]'") from exc
        try:
            client = MilvusClient(uri)
            # the delta is part of the name: a new delta is a new pair, even with the same row counts
            base = collection_base(index.generation.name if index.delta is None
                                   else f"{index.generation.name}_{index.delta.name}")
            backend = cls(client, base, len(index.corpus.paragraphs), index.dense.size)
            if not backend._complete():
                backend._upload(index)
            for name in client.list_collections():
                if name.startswith(PREFIX) and name not in (backend._paragraphs, backend._units):
                    client.drop_collection(name)
        except MilvusException as exc:
            raise BackendUnavailable(f"Milvus at {uri}: {getattr(exc, 'message', exc)}") from exc
        return backend

    def _count(self, name: str) -> int:
        if not self._client.has_collection(name):
            return -1
        self._client.load_collection(name)
        rows = self._client.query(name, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def _complete(self) -> bool:
        return self._count(self._paragraphs) == self.n and self._count(self._units) == self.units

    def _upload(self, index: LoadedIndex) -> None:
        from pymilvus import DataType, Function, FunctionType

        client, dim = self._client, index.dense.dim
        for name in (self._paragraphs, self._units):
            if client.has_collection(name):
                client.drop_collection(name)
        schema = client.create_schema(auto_id=False)
        schema.add_field("pos", DataType.INT64, is_primary=True)
        schema.add_field("tokens", DataType.VARCHAR, max_length=65_535, enable_analyzer=True,
                         analyzer_params={"tokenizer": "standard"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=["tokens"], output_field_names=["sparse"]))
        params = client.prepare_index_params()
        params.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        client.create_collection(self._paragraphs, schema=schema, index_params=params, consistency_level="Strong")
        texts = indexed_texts(index.corpus.paragraphs)
        for start in range(0, len(texts), BATCH):
            client.insert(self._paragraphs, [{"pos": start + i, "tokens": encode_tokens(tokenize(text))}
                                             for i, text in enumerate(texts[start : start + BATCH])])
        schema = client.create_schema(auto_id=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        params = client.prepare_index_params()
        params.add_index(field_name="dense", index_type="FLAT" if self.units <= 200_000 else "AUTOINDEX",
                         metric_type="IP")
        client.create_collection(self._units, schema=schema, index_params=params, consistency_level="Strong")
        vectors = index.corpus.vectors
        for start in range(0, self.units, BATCH):
            block = np.asarray(vectors[start : start + BATCH], dtype=np.float32)
            client.insert(self._units, [{"row": start + i, "dense": row.tolist()} for i, row in enumerate(block)])
        for name in (self._paragraphs, self._units):
            client.load_collection(name)

    def lexical_scores(self, tokens: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        if not tokens:
            return out
        hits = self._client.search(self._paragraphs, data=[encode_tokens(tokens)], anns_field="sparse",
                                   limit=min(self.n, LEXICAL_DEPTH if self.n > MAX_LIMIT else MAX_LIMIT),
                                   output_fields=["pos"], search_params={"metric_type": "BM25"})[0]
        for hit in hits:
            out[int(hit["entity"]["pos"])] = abs(float(hit["distance"]))  # Milvus Lite reports BM25 negated
        return out

    def dense_search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        hits = self._client.search(self._units, data=[np.asarray(query, dtype=np.float32).tolist()],
                                   anns_field="dense", limit=max(1, min(k, self.units, MAX_LIMIT)),
                                   output_fields=["row"], search_params={"metric_type": "IP"})[0]
        scores = np.array([float(h["distance"]) for h in hits], dtype=np.float32)
        rows = np.array([int(h["entity"]["row"]) for h in hits], dtype=np.int64)
        return scores, rows
