"""Quote finding and speaker attribution on one long paragraph: the time must grow linearly.

    python benchmarks/quotes_scale.py              # every shape at 340,000 characters
    python benchmarks/quotes_scale.py --size 85 340  # at several sizes (thousands of characters)
    python benchmarks/quotes_scale.py --shape yolki --repeat 3

Each shape repeats one short piece of text (numbered, so that no two quotes
are the same) into a single paragraph of the given size, as a hostile or
careless user could submit, and times ``searchlib.parse_article`` on it.
The cost must be linear in the paragraph's length (it was quadratic: 30 s to
two minutes for the first shapes at 370,000 to 610,000 characters): at
340,000 characters each shape takes about a second at most, the ones of
thousands of different names the longest.  Nothing here is part of the library.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from searchlib import parse_article

_LETTERS = "бвгдклмнпрстфхцчшщ"


def surname(i: int) -> str:
    """A distinct surname for each ``i`` (`Буров`, `Вуров`…): many different people."""
    letters = ""
    while True:
        i, digit = divmod(i, len(_LETTERS))
        letters += _LETTERS[digit] + "у"
        if not i:
            break
    return letters.capitalize() + "ров"


#: name -> one piece of the paragraph, numbered.
SHAPES: dict[str, Callable[[int], str]] = {
    "attrib": lambda i: f'"Да{i}," — сказал он.',
    "bare": lambda i: f'"слово{i}"',
    "yolki": lambda i: f"«Да{i}», — сказал Иван Петров.",
    "reported": lambda i: f"Он назвал решение «безрассудным{i}».",
    "unclosed-straight": lambda i: f'"Да{i} — сказал он.',
    "unclosed": lambda i: f"«Да{i} — сказал он.",
    "closers-only": lambda i: f"Да{i}» — сказал он.",
    "nested": lambda i: f"«Он сказал: „Да{i}“», — отметил Иван Петров.",
    "interrupted": lambda i: f"«Да{i}, — сказал он. — Нет».",
    "named-lead-in": lambda i: f"Иван Петров сказал: «Да{i}».",
    "no-sentence-end": lambda i: f"Иван Петров сказал: «Да{i}»,",
    "no-sentence-end-reported": lambda i: f"он назвал решение «безрассудным{i}» и",
    "no-sentence-end-attrib": lambda i: f"«Да{i}», — сказал он, а",
    "quoted-names": lambda i: f"«Да{i}» Об этом сказал «Газпром»",
    "many-people": lambda i: (
        f"Иван {surname(i)} встретился с Анной {surname(i + 1)}ой. «Да{i}», — сказал он."
    ),
    "many-pronouns": lambda i: f"Анна {surname(i)}а пришла. «Да{i}», — сказал он.",
    "unknown-names": lambda i: f"«Да{i}», — сказал Абырвалг {surname(i)}ян.",
    "colons": lambda i: f"{i}:",
    # (an independent review's, 2026-12-07: a colon lead-in without a sentence end, and
    # one-letter quotes, one after another)
    "said-colon": lambda i: f"Он сказал: «слово{i}»",
    "letters": lambda i: f"«а{i}»",
    # (unnamed sources in one sentence: each sentence is read for a speech verb once)
    "no-sentence-end-sources": lambda i: f"источник заявил: «Да{i}», ",
    # (closing marks that close nothing: each once against the quoted names before it)
    "stray-closers": lambda i: (
        "«Да», — сказал Иван Петров. «Газпром» и" if i == 0 else f"Реала{i}»"
    ),
    # (spaces after a closing mark that closes nothing: read once, not once a space)
    "spaces-after-closer": lambda i: f"Он сказал: брендом{i}»{' ' * 1000}x.",
    # (`со ссылкой на X` in one sentence of many people: each asks only the latest ones)
    "citing": lambda i: (
        f"сообщает ТАСС со ссылкой на Ивана {surname(i)}а, «по его словам, да{i}», "
    ),
    # (2026-12-07's rules: people who spoke to an outlet, sources since, and a sentence
    # of names and clauses before each: each name reads at most 200 characters back)
    "interviews": lambda i: (
        f"Иван {surname(i)} рассказал РБК о планах. «Да{i}», — сказал собеседник издания."
        " Источник сообщил РБК, что нет."
    ),
    "outlet-clauses": lambda i: (
        f"Как рассказал «Известиям» Иван {surname(i)}, по его словам, «да{i}»,"
    ),
    # (sentences opening with a role a known person holds: each a bisection of the names)
    "role-openings": lambda i: (
        "Министр финансов Антон Силуанов выступил."
        if i == 0
        else f"Министр добавил, что да{i}. «Нет{i}», — уточнил он."
    ),
    # (fragments whose sentence closes with its attribution, after a long paragraph with a
    # quote: the paragraph before is read once, not once a fragment; 75 s before)
    "closing-after-long": lambda i: (
        "«Да», — сказал он. " + "слово " * 20000 + "\n"
        if i == 0
        else f"Цены были «очень высокими всегда{i}» в мае, сказал он."
    ),
}


def paragraph(shape: str, size: float) -> tuple[str, int]:
    """A paragraph of ``size`` thousand characters of ``shape``, and how many pieces it has."""
    make = SHAPES[shape]
    pieces: list[str] = []
    length = 0
    while length < size * 1000:
        piece = make(len(pieces))
        pieces.append(piece)
        length += len(piece) + 1
    return " ".join(pieces), len(pieces)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", type=float, nargs="+", default=[340.0], help="thousands of characters"
    )
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="only these")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    args = parser.parse_args(argv)
    parse_article("warm-up", "«Да», — сказал Юрген Клинсман.")  # loads the name model
    print("| shape | K chars | pieces | quotes | with a speaker | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape in args.shape or SHAPES:
        for size in args.size:
            text, pieces = paragraph(shape, size)
            seconds = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                article = parse_article("scale", text)
                seconds = min(seconds, time.perf_counter() - start)
            quotes = article.quotes
            named = sum(q.speaker is not None for q in quotes)
            print(
                f"| {shape} | {len(text) // 1000} | {pieces} | {len(quotes)} | {named} | {seconds:.2f} |"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
