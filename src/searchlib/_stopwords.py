"""Russian stop words: the Snowball project's list, minus its content words.

Source: the Snowball Russian stemmer's stop list,
https://snowballstem.org/algorithms/russian/stop.txt (BSD licence), which is
also NLTK's ``stopwords.words("russian")``.  Snowball's file has eight more
entries that are content words in news text and are left out here:
человек, жизнь, сегодня, сказал, сказала, сказать, говорил, кажется.

Whoosh's own ``whoosh.lang`` Russian list is not used: it shipped broken
(mis-encoded, matching no real word) for years, see whoosh issue #344.

The words are stored with ``ё`` folded to ``е``, the form they have after
searchlib's normalisation, because the stop filter runs after it.
"""

from __future__ import annotations

RUSSIAN_STOP_WORDS: frozenset[str] = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут
    где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой
    тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть
    после над больше тот через эти нас про всего них какая много разве три эту моя впрочем
    хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю
    между
    """.split()
)

#: Question words, dropped from plain-word queries (not from the index): they
#: say what kind of answer is wanted, not what the answer is about.  Measured
#: on the development questions: +0.002 MRR@10 on MuSeRC, no change on DaNetQA.
QUESTION_WORDS: frozenset[str] = frozenset(
    """
    какой какая какое какие каких каким какими какому каком какую каков какова
    каково каковы сколько скольких почему зачем отчего откуда куда где когда кто
    кого кому кем ком что чего чему чем чей чья чье чьи чьих ли разве неужели
    который которая которое которые которых которым которой котором которого
    """.split()
)
