"""The index layout: which Whoosh fields a searchlib index has, and why.

One document per paragraph and one per quote:

``id``         stable id: ``<article>#p<n>`` or ``<article>#p<n>.q<k>``
``kind``       ``paragraph`` or ``quote``
``article``    the article id (its file name without ``.txt``)
``paragraph``  paragraph number, from 1 (numeric: ``paragraph:3`` works)
``quote``      quote number in its paragraph (stored only)
``group``      ``<article>#p<n>`` for both a paragraph and its quotes (a column:
               collapsing a quote into its paragraph's hit needs it fast)
``speaker``    the quote's speaker; for a paragraph, its quotes' speakers
``title``      a title to search (JSON records); not used for article paragraphs
``text``       the text, stored, stemmed, with positions for phrases
``words``      the same text unstemmed, for prefix, wildcard and fuzzy terms
               (fuzzy terms find nothing on a stemmed field)

Bump :data:`SCHEMA_VERSION` on any change: indexes are rebuilt automatically.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from searchlib.analysis import RussianAnalyzer

__all__ = ["SCHEMA_VERSION", "build_schema"]

SCHEMA_VERSION = "1"


def build_schema() -> Schema:
    """A fresh schema object (Whoosh schemas are mutable: never share one)."""
    stems = RussianAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        article=ID(stored=True),
        # signed=False breaks range queries in Whoosh 2.7 (every document matches).
        paragraph=NUMERIC(int, stored=True),
        quote=STORED(),
        group=ID(sortable=True),
        speaker=TEXT(analyzer=stems, stored=True, phrase=False, multitoken_query="and"),
        title=TEXT(analyzer=stems, stored=True, multitoken_query="phrase"),
        text=TEXT(analyzer=stems, stored=True, multitoken_query="phrase"),
        words=TEXT(analyzer=RussianAnalyzer(stem=False), phrase=False, multitoken_query="phrase"),
    )
