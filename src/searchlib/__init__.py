"""searchlib: embeddable Russian full-text search over news articles.

Paragraphs and the quotes inside them (with who said them) are indexed with
Whoosh, analysed with Snowball's Russian stemmer, ranked with BM25F, and
returned with highlighted snippets::

    >>> import searchlib
    >>> with searchlib.SearchEngine() as engine:          # doctest: +SKIP
    ...     for hit in engine.search("роль молодёжи"):
    ...         print(hit.paragraph, hit.speaker, hit.snippet.plain("*"))

Everything public is importable from this module; ``searchlib.analysis`` is
public too, for applications that reuse the Russian analyzer in their own
Whoosh schemas.  All other modules are private.
"""

from __future__ import annotations

from searchlib._corpus import load_corpus, parse_article, read_article
from searchlib._engine import SearchEngine
from searchlib._errors import (
    CorpusError,
    EvaluationError,
    IndexConflictError,
    IndexCorruptedError,
    QueryError,
    SearchIndexError,
    SearchlibError,
    SettingsError,
)
from searchlib._eval import EvalReport, evaluate
from searchlib._models import Article, Hit, IndexInfo, Paragraph, Quote, SearchResults, Snippet
from searchlib._ranking import Ranking
from searchlib.analysis import RussianAnalyzer

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CorpusError",
    "EvalReport",
    "EvaluationError",
    "Hit",
    "IndexConflictError",
    "IndexCorruptedError",
    "IndexInfo",
    "Paragraph",
    "QueryError",
    "Quote",
    "Ranking",
    "RussianAnalyzer",
    "SearchEngine",
    "SearchIndexError",
    "SearchResults",
    "SearchlibError",
    "SettingsError",
    "Snippet",
    "__version__",
    "evaluate",
    "load_corpus",
    "parse_article",
    "read_article",
]
