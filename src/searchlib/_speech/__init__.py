"""Quoted speech and who said it: quote marks, names, speakers (no Whoosh inside).

One entry point: :func:`attribute_article` takes an article's paragraphs and
gives each paragraph's quotes with their speakers.  Inside:
``quotes`` finds quoted spans and their attributions, ``names`` reads
Russian names and their cases, ``ner`` asks a person-name model (Natasha's
slovnet, loaded on first use), ``speakers`` decides who said each quote.
The package is imported when a corpus is first parsed (or a speaker
filter first read), never by searching alone.
"""

from __future__ import annotations

from searchlib._speech.speakers import AttributedQuote, attribute_article

__all__ = ["AttributedQuote", "attribute_article"]
