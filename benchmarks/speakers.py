"""Quotes and speakers on real news: the five figures of the speaker issue, on a labelled set.

    python benchmarks/speakers.py --factrueval PATH        # PATH: a clone of factRuEval-2016
    python benchmarks/speakers.py --factrueval PATH --show  # and every labelled span, found or not
    python benchmarks/speakers.py --factrueval PATH --rusentrel PATH2   # with the third source

The development set is ``benchmarks/speakers-dev.jsonl``: 96 whole news
articles nobody wrote for searchlib, with every quoted span labelled by hand
as speech (with its speaker: the nominative full name in the fullest form
the article gives, or ``null`` where no person speaks — a press service, a
document, an unnamed source, several people) or as a quoted name or title
that is not speech (``«Газпром»``, a film, a scare-quoted word).  Only
offsets and labels are kept here; the texts are read from their sources and
checked against the stored SHA-256:

* 55 texts of factRuEval-2016 (https://github.com/dialogue-evaluation/factRuEval-2016,
  commit dfe96237, MIT licence; its dev and test collections are news and
  analysis of Russian online media): ``--factrueval`` is a clone of it (a
  bare git folder works too);
* 8 news passages of MuSeRC's train split, from ``../shared/data/muserc``
  (``--data``; the Russian SuperGLUE test split is not used);
* 33 articles of RuSentRel 1.1 (https://github.com/nicolay-r/RuSentRel, commit
  552b1653, MIT licence): 31 inosmi.ru translations of foreign press and 2
  columns of «Россия в глобальной политике», labelled on 2026-12-06 by
  readers who had not seen searchlib's answers on them, 20 before the rules
  they led to and 13 after, as a held-out check (``--rusentrel`` is a clone
  of it, or a bare git folder).  Its files put a ``{Author, …}`` tag
  before every line and a paragraph's sentences on lines of their own; the
  text labelled, and read here, is the file without the tags, a paragraph a
  line (:func:`rusentrel_text`).

A set whose source is absent is skipped with a message.  Each article goes
through ``searchlib.parse_article`` (a paragraph a line), as a build does.
The figures, over the labelled spans:

* found: speech spans that some found quote overlaps (by half of the shorter);
* exact: speech spans whose quote has exactly the labelled speaker (None for None);
* right where a person spoke: of the spans a person said, those whose
  quote's speaker is that person (the last word of either name is a word of
  the other: `Путин` for `Владимир Путин`, `Си` for `Си Цзиньпин`);
* wrong name: speech spans whose quote names someone else, or anyone where
  no person spoke;
* names taken for speech: quoted names and titles that a found quote overlaps.

The targets (issue 14): found ≥ 0.95, exact ≥ 0.85, right ≥ 0.90, wrong ≤ 0.02,
names ≤ 0.01.  Nothing here is part of the library.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LABELS = HERE / "speakers-dev.jsonl"
DATA = HERE.parent.parent / "shared" / "data"
FACTRUEVAL_COMMIT = "dfe96237fce79fde13b2021d1938587e4ea3042e"
RUSENTREL_COMMIT = "552b16533a7a067bc4492a38aee6ba024edcde50"
_AUTHOR_TAG_RE = re.compile(r"^\{[^{}\n]*\}\s?")


def rusentrel_text(raw: str) -> str:
    """A RuSentRel file as labelled: its ``{Author, …}`` line tags removed, the lines of one
    paragraph (blank lines part paragraphs) joined by a space, a paragraph a line."""
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in raw.split("\n"):
        line = _AUTHOR_TAG_RE.sub("", line).strip()
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append(" ".join(lines))
            lines = []
    if lines:
        paragraphs.append(" ".join(lines))
    return "\n".join(paragraphs) + "\n"


def _fold(name: str | None) -> str | None:
    return None if name is None else " ".join(name.replace("ё", "е").replace("Ё", "Е").split())


def _same_person(given: str | None, label: str | None) -> bool:
    """Does ``given`` name the labelled person: the surname of one is a word of the other?

    (Either way round, for names whose surname comes first: `Си Цзиньпин`, `Хван Чжан Еп`.)
    """
    if given is None or label is None:
        return False
    a, b = (_fold(n).lower().split() for n in (given, label))  # type: ignore[union-attr]
    return a[-1] in b or b[-1] in a


class Sources:
    """Texts of the labelled articles, from their sources (None where a source is absent)."""

    def __init__(self, factrueval: Path | None, data: Path, rusentrel: Path | None = None) -> None:
        self.factrueval = factrueval
        self.rusentrel = rusentrel
        self.data = data
        self._muserc: dict[str, str] | None = None

    def text(self, record: dict[str, Any]) -> str | None:
        if record["source"] == "factrueval":
            return _from_repository(self.factrueval, FACTRUEVAL_COMMIT, record["path"])
        if record["source"] == "rusentrel":
            raw = _from_repository(self.rusentrel, RUSENTREL_COMMIT, record["path"])
            return None if raw is None else rusentrel_text(raw)
        return self._muserc_text(record["path"])

    def _muserc_text(self, passage: str) -> str | None:
        if self._muserc is None:
            corpus = self.data / "muserc" / "corpus.jsonl.gz"
            if not corpus.is_file():
                return None
            with gzip.open(corpus, "rt", encoding="utf-8") as lines:
                records = (json.loads(line) for line in lines)
                self._muserc = {
                    r["id"]: r["text"] for r in records if not r["id"].startswith("test")
                }
        return self._muserc.get(passage)


def _from_repository(folder: Path | None, commit: str, path: str) -> str | None:
    """A file of a source's repository (a clone, a checkout or a bare git folder); None where
    it cannot be read."""
    if folder is None:
        return None
    plain = folder / path
    if plain.is_file():
        return plain.read_text(encoding="utf-8")
    git_dir = folder / ".git" if (folder / ".git").exists() else folder
    try:
        shown = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return shown.stdout.decode("utf-8")


def _paragraph_starts(text: str) -> Iterator[int]:
    """Where each paragraph parse_article makes (a stripped non-empty line) starts in ``text``."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            yield offset + line.index(stripped)
        offset += len(line)


def found_quotes(article_id: str, text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) of each quote searchlib finds, in offsets of ``text``."""
    import searchlib

    article = searchlib.parse_article(article_id, text.removeprefix("\ufeff"))
    shift = 1 if text.startswith("\ufeff") else 0
    starts = list(_paragraph_starts(text.removeprefix("\ufeff")))
    found = []
    for paragraph, start in zip(article.paragraphs, starts, strict=True):
        for quote in paragraph.quotes:
            found.append(
                (start + quote.span[0] + shift, start + quote.span[1] + shift, quote.speaker)
            )
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= min(a[1] - a[0], b[1] - b[0])


def score(records: list[dict[str, Any]], sources: Sources, show: bool) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    by_source: dict[str, Counter[str]] = {}
    skipped: Counter[str] = Counter()
    seconds = 0.0
    for record in records:
        text = sources.text(record)
        if text is None:
            skipped[record["source"]] += 1
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["sha256"]:
            raise SystemExit(f"{record['id']}: the text differs from the labelled one")
        start = time.perf_counter()
        quotes = found_quotes(record["id"], text)
        seconds += time.perf_counter() - start
        tally = by_source.setdefault(record["source"], Counter())
        for begin, end, kind, speaker in record["spans"]:
            matched = [q for q in quotes if _overlaps((begin, end), (q[0], q[1]))]
            given = matched[0][2] if matched else None
            row = Counter()
            if kind == "name":
                row["names"] += 1
                row["names taken"] += bool(matched)
            else:
                row["speech"] += 1
                row["found"] += bool(matched)
                row["exact"] += bool(matched) and _fold(given) == _fold(speaker)
                if speaker is not None:
                    row["person"] += 1
                    row["right"] += bool(matched) and _same_person(given, speaker)
                row["wrong"] += given is not None and not _same_person(given, speaker)
            counts.update(row)
            tally.update(row)
            if show:
                mark = "ok " if (kind == "name") != bool(matched) else "MISS"
                if kind == "speech" and matched and _fold(given) != _fold(speaker):
                    mark = "WHO "
                print(
                    f"{mark} {record['id']} {begin}-{end} {kind} {speaker!r} -> {given!r}:"
                    f" {text[begin:end][:70]!r}"
                )
    return {"all": counts, "by source": by_source, "skipped": skipped, "seconds": seconds}


def figures(counts: Counter[str]) -> dict[str, float]:
    def share(part: str, whole: str) -> float:
        return counts[part] / counts[whole] if counts[whole] else 0.0

    return {
        "found": share("found", "speech"),
        "exact": share("exact", "speech"),
        "right": share("right", "person"),
        "wrong": share("wrong", "speech"),
        "names": share("names taken", "names"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factrueval", type=Path, help="a clone of factRuEval-2016")
    parser.add_argument("--rusentrel", type=Path, help="a clone of RuSentRel")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--show", action="store_true", help="print every labelled span")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    result = score(records, Sources(args.factrueval, args.data, args.rusentrel), args.show)
    for source, count in sorted(result["skipped"].items()):
        print(f"skipped: {count} {source} articles (source not found; see --help)")
    counts = result["all"]
    if not counts["speech"]:
        print("skipped: no labelled article could be read")
        return 0
    articles = len(records) - sum(result["skipped"].values())
    print(
        f"{articles} articles, {counts['speech']} speech spans ({counts['person']} by a person),"
        f" {counts['names']} quoted names and titles; {result['seconds']:.2f} s in parse_article\n"
    )
    print(
        "| set | found | exact | right where a person spoke | wrong name | names taken for speech |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    rows = {"all": counts, **dict(sorted(result["by source"].items()))}
    for name, tally in rows.items():
        f = figures(tally)
        print(
            f"| {name} | {f['found']:.3f} | {f['exact']:.3f} | {f['right']:.3f} |"
            f" {f['wrong']:.3f} | {f['names']:.3f} |"
        )
    if args.json:
        args.json.write_text(
            json.dumps({n: figures(t) | dict(t) for n, t in rows.items()}, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
