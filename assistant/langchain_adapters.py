"""langchain-core seams: our retriever and embedders as `BaseRetriever` / `Embeddings`.

Kept apart so that the CLI does not pay langchain-core's import time; users who
plug the assistant into a LangChain pipeline import this module.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index.embed import Embedder
from assistant.retrieve import HybridRetriever


class LangChainEmbeddings(Embeddings):
    """Exposes any of our embedders through langchain-core's `Embeddings` seam."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()


class AssistantRetriever(BaseRetriever):
    """langchain-core adapter: paragraphs as `Document`s with their locator and scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: HybridRetriever
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        by_id = self.retriever.index.corpus.by_id
        docs = []
        for hit in self.retriever.retrieve(query, self.k).hits:
            para = by_id[hit.paragraph_id]
            meta = {"id": para.id, "locator": para.locator, "section": para.section, "score": hit.score,
                    "doc": para.doc, "marks": list(para.marks)}
            docs.append(Document(page_content=para.text, metadata=meta, id=para.id))
        return docs
