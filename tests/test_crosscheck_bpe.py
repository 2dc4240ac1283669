"""The BPE reference against an independent implementation of the classic algorithm (recount and merge by regular
expression, as in the original paper's code), encoding against a GPT-2-style loop, the topic module's generator and
type check, and every number the problem's texts state."""

from __future__ import annotations

import functools
import re
from collections import Counter

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.bpe import bpe_vocab, plain_bpe
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


@functools.lru_cache(maxsize=1)
def problem() -> Problem:
    return catalog.load(catalog.resolve("bpe", catalog.index(catalog.pack_dirs())))


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "bpe.py", "xref_bpe")


def classic_train(words: dict[str, int], num_merges: int) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Written from the contract: words as space-separated symbols, all pairs recounted for every merge, the best
    pair by (count, then the smallest pair), merged with a regular expression that never overlaps."""
    vocab = {w: " ".join([*w, "</w>"]) for w in words}
    merges: list[tuple[str, str]] = []
    while len(merges) < num_merges:
        stats: Counter = Counter()
        for w, text in vocab.items():
            symbols = text.split(" ")
            for a, b in zip(symbols, symbols[1:]):
                stats[(a, b)] += words[w]
        if not stats:
            break
        top = max(stats.values())
        best = sorted(p for p, c in stats.items() if c == top)[0]
        merges.append(best)
        pattern = re.compile(r"(?<!\S)" + re.escape(best[0] + " " + best[1]) + r"(?!\S)")
        vocab = {w: pattern.sub(best[0] + best[1], text) for w, text in vocab.items()}
    return merges, {w: text.split(" ") for w, text in vocab.items()}


def gpt2_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """The GPT-2 loop, written from the contract: the lowest-ranked bigram, merged by scanning with index()."""
    ranks: dict[tuple[str, str], int] = {}
    for r, pair in enumerate(merges):
        ranks.setdefault(pair, r)
    parts = [*word, "</w>"]
    while len(parts) > 1:
        bigram = min(zip(parts, parts[1:]), key=lambda p: ranks.get(p, float("inf")))
        if bigram not in ranks:
            break
        first, second = bigram
        out: list[str] = []
        i = 0
        while i < len(parts):
            try:
                j = parts.index(first, i)
            except ValueError:
                out.extend(parts[i:])
                break
            out.extend(parts[i:j])
            if j < len(parts) - 1 and parts[j + 1] == second:
                out.append(first + second)
                i = j + 2
            else:
                out.append(first)
                i = j + 1
        parts = out
    return parts


def _safe_vocab(seed: int) -> tuple[dict[str, int], int]:
    """A random vocabulary (2-10 letters, up to 80 words, Zipf-like frequencies) and a merge count up to 149."""
    rng = np.random.default_rng(seed)
    alphabet = "abcdefghij"[: int(rng.integers(2, 11))]
    max_len = int(rng.integers(2, 12))
    n = int(min(rng.integers(1, 80), len(alphabet) ** max_len // 2 + 1))
    words = bpe_vocab(rng, {}, n=n, alphabet=alphabet, min_len=1, max_len=max_len, top=int(rng.integers(1, 500)),
                      exponent=float(rng.uniform(0.5, 1.5)))["words"]
    return words, int(rng.integers(0, 150))


@pytest.mark.parametrize("seed", range(60))
def test_train_equals_the_classic_algorithm_on_random_vocabularies(seed):
    words, k = _safe_vocab(seed)
    got = ref()["train_bpe"](dict(words), k)
    want, _ = classic_train(words, k)
    assert got == want
    assert plain_bpe(words, k) == want  # the generator the encode tests use agrees too
    assert all(type(m) is tuple and len(m) == 2 for m in got)


def test_train_does_not_modify_words_and_stops_early():
    words = {"ab": 2, "c": 1, "aaa": 4}
    before = dict(words)
    merges = ref()["train_bpe"](words, 1000)
    assert words == before
    assert merges == classic_train(before, 1000)[0] and len(merges) < 1000


ENCODE_VOCABULARIES = 30  # the insight "Encode by rank, not by list order" states this count


@pytest.mark.parametrize("seed", range(ENCODE_VOCABULARIES))
def test_encode_equals_the_gpt2_loop_and_reproduces_training(seed):
    words, k = _safe_vocab(1000 + seed)
    merges, segmented = classic_train(words, k)
    rng = np.random.default_rng(seed)
    for w in words:  # a training word encodes to its segmentation at the end of training
        assert ref()["bpe_encode"](w, merges) == gpt2_encode(w, merges) == segmented[w]
    letters = sorted({c for w in words for c in w}) + ["z"]
    for _ in range(20):  # unseen words, some with letters never seen
        w = "".join(rng.choice(letters, size=int(rng.integers(1, 12))))
        assert ref()["bpe_encode"](w, merges) == gpt2_encode(w, merges)


def test_encode_rank_rule_against_list_order_on_crafted_merges():
    merges = [("ab", "c"), ("a", "b")]
    assert ref()["bpe_encode"]("abc", merges) == gpt2_encode("abc", merges) == ["abc", "</w>"]
    body = next(i.body for i in problem().insights if i.title == "Encode by rank, not by list order")
    assert f"confirms it on {ENCODE_VOCABULARIES} random vocabularies" in body
    assert '`["ab", "c", "</w>"]`' in body and '`["abc", "</w>"]`' in body
    list_order = ["a", "b", "c", "</w>"]
    for pair in merges:
        list_order = ref()["_apply"](list_order, pair)[0]
    assert list_order == ["ab", "c", "</w>"]


def test_efficiency_row_counts_and_insight():
    """Numbers of the 'Why incremental counts' insight, on the efficiency table itself."""
    load_topics()
    test = next(t for t in problem().tests if t.category == "efficiency")
    words = build([r.as_dict() for r in test.inputs], test.given)["words"]
    assert len(words) == 3000 and test.call == "train_bpe(words, 1000)" and test.max_ratio == 20
    pairs = sum(len(w) for w in words)  # len(w) + 1 symbols make len(w) pairs
    assert pairs == 20117 and round(pairs * 1000 / 1e6) == 20
    source = problem().reference_source().replace(
        "            vocab[i], removed, added = _apply(vocab[i], pair)\n",
        "            vocab[i], removed, added = _apply(vocab[i], pair)\n            if removed:\n"
        "                UPDATES.append(len(merges))\n")
    assert "UPDATES" in source
    namespace: dict = {"UPDATES": []}
    exec(compile(source, "instrumented_bpe", "exec"), namespace)  # noqa: S102 - the project's own reference
    assert namespace["train_bpe"](words, 1000) == ref()["train_bpe"](words, 1000)
    updates = namespace["UPDATES"]
    assert len(updates) == 14236 and round(len(updates) / len(words), 1) == 4.7
    assert sum(1 for u in updates if u <= 100) == 9618
    body = next(i.body for i in problem().insights if i.title == "Why incremental counts")
    for said in ("3,000 words, 1,000 merges", "1,000 passes over 20,117 pairs", "about 20 million",
                 "14,236 word updates", "about 4.7 per word", "3,000,000 word scans", "first 100 merges account for 9,618"):
        assert said in body, said
    prompt = " ".join(problem().parts[0].prompt.split())
    assert "timed on 3,000 words and 1,000 merges" in prompt and "1,000 merges over 3,000 words, within 20x" in prompt


CLASSIC = {"low": 5, "lower": 2, "newest": 6, "widest": 3}


def test_classic_table_tie_and_encodings():
    merges = ref()["train_bpe"](CLASSIC, 10)
    assert merges[5] == ("e", "w")
    vocab = {w: [*w, "</w>"] for w in CLASSIC}
    for pair in merges[:5]:
        vocab = {w: ref()["_apply"](s, pair)[0] for w, s in vocab.items()}
    counts: Counter = Counter()
    for w, s in vocab.items():
        for p in zip(s, s[1:]):
            counts[p] += CLASSIC[w]
    top = max(counts.values())
    assert top == 6 and sorted(p for p, c in counts.items() if c == top) == [("e", "w"), ("n", "e"), ("w", "est</w>")]
    assert ref()["bpe_encode"]("lowest", merges) == ["low", "est</w>"]
    assert ref()["bpe_encode"]("estlow", merges) == ["est", "low</w>"]
    assert merges.index(("est", "</w>")) == 2 and merges.index(("es", "t")) == 1
    text = " ".join(i.body for i in problem().insights)
    assert "sixth merge is a three-way tie at count 6" in text
    assert '`"estlow"` as `["est", "low</w>"]`' in text and "`est</w>`, rank 2" in text and "(`est`, rank 1)" in text


def test_every_position_insight_and_prompt_numbers():
    assert classic_train({"aaa": 3, "ab": 4}, 1)[0] == [("a", "a")]
    stats: Counter = Counter()
    for w, f in {"aaa": 3, "ab": 4}.items():
        for p in set(zip([*w, "</w>"], [*w, "</w>"][1:])):
            stats[p] += f
    assert stats[("a", "a")] == 3 and stats[("a", "b")] == 4 and max(stats, key=lambda p: (stats[p], p)) == ("b", "</w>")
    once = min(stats, key=lambda p: (-stats[p], p))
    assert once == ("a", "b")  # counted once per word, ('a', 'b') goes first
    assert ref()["_apply"](["a", "a", "a", "</w>"], ("a", "a"))[0] == ["aa", "a", "</w>"]
    assert ref()["bpe_encode"]("aaaaa", [("a", "a")]) == ["aa", "aa", "a", "</w>"]
    assert ref()["bpe_encode"]("abc", [("ab", "c"), ("a", "b")]) == ["abc", "</w>"]
    full: Counter = Counter()
    for p in zip(["a", "a", "a", "</w>"], ["a", "a", "</w>"]):
        full[p] += 3
    assert full[("a", "a")] == 6
    text = " ".join(" ".join([*(p.prompt for p in problem().parts), *(i.body for i in problem().insights)]).split())
    assert 'with frequency 3 gives `("a", "a")` a count of 6' in text
    assert "its count is 6 and it is merged first; counting it once per word gives 3" in text
    assert '`"aaaaa"` with the merge `("a", "a")` is `["aa", "aa", "a", "</w>"]`' in text


def test_bpe_vocab_generator_is_zipf_like_and_distinct():
    words = bpe_vocab(np.random.default_rng(0), {}, n=500, alphabet="abc", min_len=2, max_len=6, top=1000)["words"]
    assert len(words) == 500 and all(2 <= len(w) <= 6 and set(w) <= set("abc") for w in words)
    freqs = list(words.values())
    assert all(type(f) is int and f >= 1 for f in freqs)
    assert freqs[0] == 1000 and freqs[1] == 500 and freqs[9] == 100 and freqs[-1] == 2
    assert words == bpe_vocab(np.random.default_rng(0), {}, n=500, alphabet="abc", min_len=2, max_len=6)["words"]
