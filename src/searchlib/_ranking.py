"""Ranking settings: how much each signal weighs in a plain-word query's score.

A plain-word query becomes, for each word, an OR of the same word matched
several ways, each a field of the index scored by BM25F:

* ``stems``    — the Snowball stem (`интеграции` ~ `интеграция`);
* ``prefixes`` — the first 4 letters (`выставочный` ~ `выставка`);
* ``lemmas``   — the dictionary form from pymorphy3 (`людей` ~ `человек`);
* ``words``    — the exact (case- and ``ё``-folded) word form;
* ``title``    — the stem in a JSONL record's title.

On top of that, each word is weighed by its class (``word_classes``): names
(capitalised words after the first one, or words pymorphy3 tags as names,
surnames, places, organisations) by ``names``, nouns by 1, other words
(verbs, adjectives, adverbs…) by ``other_words``; two query words standing
side by side in the text add
``pairs``; the sum is multiplied by ``(matched words / query words) **
coordination`` so that documents matching more of the words rank first; and
question words (`какой`, `сколько`, `почему`…) are dropped.  ``k1`` and ``b``
are BM25's; with ``log_lengths``, a field longer than its average counts as
``average x (1 + ln(length / average))`` in BM25's length penalty, so that
long passages are not buried among many short paragraphs (False: BM25's own
linear penalty).  The defaults were chosen on the development queries of MuSeRC
and DaNetQA, alone and among 20,000 and 100,000 other paragraphs;
docs/relevance.md lists what each one measured.
"""

from __future__ import annotations

from typing import Any

import attrs

from searchlib._settings import check_weight

__all__ = ["Ranking"]


def _checked(instance: Any, attribute: Any, value: float) -> None:
    check_weight(attribute.name, value)


@attrs.frozen(kw_only=True)
class Ranking:
    """Weights and parameters of searchlib's scoring (see the module docs and docs/relevance.md).

    >>> Ranking().prefixes
    1.0
    >>> Ranking(pairs=0.0).pairs  # switch proximity off
    0.0
    """

    stems: float = attrs.field(default=1.0, validator=_checked)
    prefixes: float = attrs.field(default=1.0, validator=_checked)
    lemmas: float = attrs.field(default=1.0, validator=_checked)
    words: float = attrs.field(default=0.3, validator=_checked)
    title: float = attrs.field(default=1.0, validator=_checked)
    names: float = attrs.field(default=1.5, validator=_checked)
    other_words: float = attrs.field(default=0.7, validator=_checked)
    word_classes: bool = attrs.field(default=True, validator=_checked)
    pairs: float = attrs.field(default=0.5, validator=_checked)
    coordination: float = attrs.field(default=0.1, validator=_checked)
    question_words: bool = attrs.field(default=True, validator=_checked)
    k1: float = attrs.field(default=1.0, validator=_checked)
    b: float = attrs.field(default=0.75, validator=_checked)  # (at most 1 too)
    log_lengths: bool = attrs.field(default=True, validator=_checked)
