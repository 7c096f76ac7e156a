"""BM25F with statistics over the documents that can hold each field.

Whoosh's BM25F takes every document of the index into its statistics: the
inverse document frequency uses the total document count, and the average
field length divides a field's total length by that count.  A searchlib
index mixes two kinds of documents whose text lives in different fields
(paragraphs in ``text``/``words``/``prefix``, quotes in ``quote_*``), so here
each field's statistics count only the documents of the kind that fills it.
The formula is otherwise Whoosh's: ``idf = log(N / (df + 1)) + 1``, but for
lengths above a field's average counted logarithmically (see ``Ranking.log_lengths``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from whoosh.scoring import BM25F, WeightLengthScorer, WeightScorer, bm25

__all__ = ["MIN_IDF", "FieldStatsBM25F", "build_weighting", "idf", "log_length"]

#: The least inverse document frequency.  ``log(N / (df + 1)) + 1`` is never below
#: about 0.3 while ``df`` counts live documents only (``df <= N``); documents removed
#: but not yet merged away still count in ``df``, and until ``optimize`` a word of
#: most of them scored below 0 (-0.43 in a collection of two, one removed).
MIN_IDF = 0.01


def idf(documents: int, frequency: int) -> float:
    """Whoosh's BM25 idf, ``log(N / (df + 1)) + 1``, never below :data:`MIN_IDF`."""
    return max(math.log(documents / (frequency + 1)) + 1, MIN_IDF)


def log_length(length: float, average: float) -> float:
    """The length BM25 penalises: as is up to the average, logarithmic above it.

    ``average x (1 + ln(length / average))``: twice the average counts as 1.7
    times, ten times as 3.3 times.  Long passages among many short paragraphs
    (MuSeRC's, 192 words, among novels' paragraphs of 41) keep their place;
    very long ones still pay more than with a flat cap.
    """
    if length <= average:
        return length
    return average * (1.0 + math.log(length / average))


class _Scorer(WeightLengthScorer):
    def __init__(
        self,
        searcher: Any,
        fieldname: str,
        text: Any,
        weighting: FieldStatsBM25F,
        documents: int | None,
    ) -> None:
        parent = searcher.get_parent()
        total = documents or parent.doc_count_all() or 1
        self.idf = idf(total, parent.doc_frequency(fieldname, text))
        self.avgfl = parent.field_length(fieldname) / total or 1
        self.B = weighting.B
        self.K1 = weighting.K1
        self.log_lengths = weighting.log_lengths
        self.setup(searcher, fieldname, text)

    def _score(self, weight: float, length: float) -> float:
        if self.log_lengths:
            length = log_length(length, self.avgfl)
        return float(bm25(self.idf, weight, length, self.avgfl, self.B, self.K1))


class FieldStatsBM25F(BM25F):
    """BM25F whose per-field statistics count ``field_documents[field]`` documents.

    With ``log_lengths``, a field longer than its average length counts as
    :func:`log_length` of it.
    """

    def __init__(
        self,
        *,
        B: float,
        K1: float,
        field_documents: Mapping[str, int],
        log_lengths: bool = False,
    ) -> None:
        super().__init__(B=B, K1=K1)
        self.field_documents = dict(field_documents)
        self.log_lengths = log_lengths

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        documents = self.field_documents.get(fieldname)
        return _Scorer(searcher, fieldname, text, self, documents)


def build_weighting(
    counts: Mapping[str, int], *, b: float, k1: float, log_lengths: bool = False
) -> FieldStatsBM25F:
    """BM25F over a build's live documents (``counts``: paragraphs and quotes) per field."""
    from searchlib._schema import QUOTE_FIELDS  # noqa: PLC0415 (the schema imports analysis)

    paragraphs, quotes = counts.get("paragraph", 0), counts.get("quote", 0)
    documents = dict.fromkeys(("title", *QUOTE_FIELDS), paragraphs)
    documents.update(dict.fromkeys(QUOTE_FIELDS.values(), quotes))
    return FieldStatsBM25F(B=b, K1=k1, field_documents=documents, log_lengths=log_lengths)
