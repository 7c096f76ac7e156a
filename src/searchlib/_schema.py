"""The index layout: which Whoosh fields a searchlib index has, and why.

One document per paragraph and one per quote:

``id``         stable id: ``<article>#p<n>`` or ``<article>#p<n>.q<k>`` (a JSONL
               record's paragraph has the record's id, its quotes ``<id>#q<k>``)
``kind``       ``paragraph`` or ``quote``
``article``    the article id (its file name without ``.txt``, or the record id)
``paragraph``  paragraph number, from 1 (numeric: ``paragraph:3`` works)
``quote``      quote number in its paragraph (stored only)
``parts``      a quote's pieces, as ``[start, end]`` in its paragraph's text
               (stored only: :meth:`SearchEngine.quotes` reads them)
``group``      ``<article>#p<n>`` for both a paragraph and its quotes (collapsing
               a quote into its paragraph's hit reads it)
``speaker``    the quote's speaker; for a paragraph, its quotes' speakers (whole
               words, ``ё`` folded: a filter asks for a name's nominatives)
``title``      a title to search (JSONL records); not used for article paragraphs
``body``       the text shown in results (stored only)
``text``       a paragraph's text: stems, with positions for phrases
``words``      the same, unstemmed: exact-form matches, and prefix, wildcard and
               fuzzy terms (fuzzy terms find nothing on a stemmed field)
``prefix``     the first 4 letters of each word, a second, stemmer-free match key
``lemma``      pymorphy3's dictionary forms (`шёл` -> `идти`)
``quote_text``, ``quote_words``, ``quote_prefix``, ``quote_lemma``
               the same four for quote documents.  Quotes repeat text from
               their paragraphs; kept in fields of their own they do not skew
               the paragraphs' statistics (document frequencies and average
               lengths), which cost 0.003 MRR@10 on MuSeRC when shared.

Bump :data:`SCHEMA_VERSION` on any change: indexes are rebuilt automatically.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from searchlib.analysis import RussianAnalyzer

__all__ = [
    "DERIVED_FIELDS",
    "FILTER_FIELDS",
    "PREFIX_LENGTH",
    "QUOTE_FIELDS",
    "SCHEMA_VERSION",
    "build_schema",
]

SCHEMA_VERSION = "7"
#: Letters kept by the ``prefix`` field.
PREFIX_LENGTH = 4
#: Paragraph field -> the field holding the same analysis for quote documents.
QUOTE_FIELDS = {
    "text": "quote_text",
    "words": "quote_words",
    "prefix": "quote_prefix",
    "lemma": "quote_lemma",
}

#: The fields that only pick documents (ids, kinds, numbers): no lengths, nothing to
#: score; a query of them alone (`kind:quote`) is matched by Whoosh.
FILTER_FIELDS = frozenset({"id", "kind", "article", "paragraph", "group"})

#: The fields whose terms all come from one stream of words (the analyzer up
#: to its stop filter), and how each makes a term of a word: the stem, the
#: word itself, its prefix, its lemma.  The bulk writer analyses a text once
#: for all of them.
DERIVED_FIELDS = {
    **dict.fromkeys(("text", "quote_text"), "stem"),
    **dict.fromkeys(("words", "quote_words"), "word"),
    **dict.fromkeys(("prefix", "quote_prefix"), "prefix"),
    **dict.fromkeys(("lemma", "quote_lemma"), "lemma"),
}


def build_schema() -> Schema:
    """A fresh schema object (Whoosh schemas are mutable: never share one)."""
    stems = RussianAnalyzer()
    words = RussianAnalyzer(stem=False)
    prefixes = RussianAnalyzer(prefix=PREFIX_LENGTH)
    lemmas = RussianAnalyzer(lemma=True)
    fields = {
        "id": ID(stored=True, unique=True),
        "kind": ID(stored=True),
        "article": ID(stored=True),
        # signed=False breaks range queries in Whoosh 2.7 (every document matches).
        "paragraph": NUMERIC(int, stored=True),
        "quote": STORED(),
        "parts": STORED(),
        "group": ID(),
        # (Whole words: a speaker filter asks for a name's nominatives, see name_forms.)
        "speaker": TEXT(analyzer=words, stored=True, phrase=False, multitoken_query="and"),
        "title": TEXT(analyzer=stems, stored=True, multitoken_query="phrase"),
        "body": STORED(),
    }
    for name in ("text", "quote_text"):
        fields[name] = TEXT(analyzer=stems, multitoken_query="phrase")
    for name in ("words", "quote_words"):
        fields[name] = TEXT(analyzer=words, phrase=False, multitoken_query="and")
    for name in ("prefix", "quote_prefix"):
        fields[name] = TEXT(analyzer=prefixes, phrase=False, multitoken_query="and")
    for name in ("lemma", "quote_lemma"):
        fields[name] = TEXT(analyzer=lemmas, phrase=False, multitoken_query="and")
    return Schema(**fields)
