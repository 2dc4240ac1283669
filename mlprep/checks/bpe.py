"""Inputs and checks for the bpe problem: Zipf-like vocabularies, merge lists, and the promised return types."""

from __future__ import annotations

from collections import Counter
from typing import Any

from mlprep.checks.generators import generator

END = "</w>"


def _merge_once(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    """Each occurrence of ``pair`` joined, scanning left to right without overlap."""
    out: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def plain_bpe(words: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    """BPE merges by recounting every pair before each merge: slow, obviously right, for building test inputs."""
    vocab = {word: [*word, END] for word in words}
    merges: list[tuple[str, str]] = []
    for _ in range(num_merges):
        counts: Counter[tuple[str, str]] = Counter()
        for word, symbols in vocab.items():
            for pair in zip(symbols, symbols[1:]):
                counts[pair] += words[word]
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append(best)
        vocab = {word: _merge_once(symbols, best) for word, symbols in vocab.items()}
    return merges


@generator
def bpe_vocab(
    rng, env, name: str = "words", n: int = 200, alphabet: str = "abcdef", min_len: int = 2, max_len: int = 8,
    top: int = 1000, exponent: float = 1.0,
) -> dict[str, Any]:
    """A dict of ``n`` distinct random words over ``alphabet`` -> Zipf-like frequencies (Python ints).

    Word lengths are uniform on [min_len, max_len]; the word of rank r (a random order) gets frequency
    ``max(1, round(top / r ** exponent))``, so a few words are frequent and most are rare.
    """
    letters = list(alphabet)
    words: dict[str, int] = {}
    while len(words) < n:
        size = int(rng.integers(min_len, max_len + 1))
        word = "".join(letters[int(i)] for i in rng.integers(0, len(letters), size=size))
        if word not in words:
            words[word] = max(1, round(top / (len(words) + 1) ** exponent))
    return {name: words}


@generator
def bpe_merges(rng, env, words: str = "words", num_merges: int = 50, name: str = "merges") -> dict[str, Any]:
    """``name`` set to the merges (a list of str 2-tuples) of the vocabulary ``words``, trained by ``plain_bpe``."""
    return {name: plain_bpe(env[words], num_merges)}
