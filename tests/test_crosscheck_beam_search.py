"""The beam_search reference against exhaustive search and greedy decoding, and every number its texts state."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.engine.probes import Probe, Recorder
from mlprep.problem import Problem


@functools.lru_cache(maxsize=1)
def problem() -> Problem:
    return catalog.load(catalog.resolve("beam_search", catalog.index(catalog.pack_dirs())))


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(problem().solution_path, "xref_beam_search")  # type: ignore[arg-type]


def beam(*args, **kwargs):
    return ref()["beam_search"](*args, **kwargs)


def score(total: float, length: int, alpha: float) -> float:
    return total / length**alpha


def sequences(vocab: int, eos: int, max_len: int):
    """Every sequence the search could return: those ending at their first eos, and those of max_len without eos."""
    others = [v for v in range(vocab) if v != eos]
    for n in range(1, max_len + 1):
        for body in itertools.product(others, repeat=n - 1):
            yield (*body, eos)
    yield from itertools.product(others, repeat=max_len)


def exhaustive(step_fn, bos, eos, vocab, max_len, alpha):
    """The best finished sequence by score, ties to the lexicographically smaller, found by trying them all."""
    best = None
    for seq in sequences(vocab, eos, max_len):
        if seq[-1] != eos:
            continue
        tokens = (bos, *seq)
        total = sum(float(step_fn(list(tokens[:i]))[tokens[i]]) for i in range(1, len(tokens)))
        key = (-score(total, len(seq), alpha), tokens)
        if best is None or key < best[0]:
            best = (key, list(tokens), score(total, len(seq), alpha))
    assert best is not None
    return best[1], best[2]


def greedy(step_fn, bos, eos, max_len, alpha):
    """Take the likeliest token (the smallest on ties) until eos or max_len."""
    tokens, total = [bos], 0.0
    for _ in range(max_len):
        logp = step_fn(tokens)
        tok = int(np.flatnonzero(logp == logp.max())[0])
        tokens.append(tok)
        total += float(logp[tok])
        if tok == eos:
            break
    return tokens, score(total, len(tokens) - 1, alpha)


CASES = [(seed, vocab, max_len, alpha) for seed in range(6) for vocab in (2, 3, 4) for max_len in (1, 2, 3)
         for alpha in (0.0, 0.6, 1.0)]


@pytest.mark.parametrize(("seed", "vocab", "max_len", "alpha"), CASES)
def test_a_beam_wide_enough_for_every_sequence_is_exhaustive_search(seed, vocab, max_len, alpha):
    rng = np.random.default_rng(seed)
    eos, bos = int(rng.integers(vocab)), int(rng.integers(vocab))
    probe = Probe("seeded", {"seed": seed, "vocab": vocab, "scale": float(rng.uniform(0.5, 3.0)), "eos": eos,
                             "eos_bias": float(rng.uniform(-2.0, 1.0))})
    width = len(list(sequences(vocab, eos, max_len)))
    tokens, got = beam(Recorder(probe), bos, eos, width, max_len, length_penalty=alpha)
    want_tokens, want = exhaustive(Recorder(probe), bos, eos, vocab, max_len, alpha)
    assert tokens == want_tokens and got == pytest.approx(want, rel=1e-12)


def test_exhaustive_search_on_a_table_model_with_exact_ties():
    probe = Probe("table", {"probs": np.full((3, 3), 1 / 3)})
    for alpha in (0.0, 1.0):
        width = len(list(sequences(3, 0, 3)))
        assert beam(Recorder(probe), 1, 0, width, 3, length_penalty=alpha) == \
            exhaustive(Recorder(probe), 1, 0, 3, 3, alpha)
    assert beam(Recorder(probe), 1, 0, 15, 3, length_penalty=1.0)[0] == [1, 0]  # equal scores: the smaller sequence


@pytest.mark.parametrize("seed", range(12))
def test_a_beam_of_one_is_greedy_decoding(seed):
    rng = np.random.default_rng(100 + seed)
    vocab = int(rng.integers(2, 30))
    eos = int(rng.integers(vocab))
    probe = Probe("seeded", {"seed": seed, "vocab": vocab, "scale": float(rng.uniform(0.5, 3.0)), "eos": eos,
                             "eos_bias": float(rng.uniform(-3.0, 0.5))})
    alpha = float(rng.choice([0.0, 0.6, 1.0]))
    max_len = int(rng.integers(1, 25))
    got = beam(Recorder(probe), 0, eos, 1, max_len, length_penalty=alpha)
    want = greedy(Recorder(probe), 0, eos, max_len, alpha)
    assert got[0] == want[0] and got[1] == pytest.approx(want[1], rel=1e-12)


def test_step_fn_sees_only_live_hypotheses_at_most_beam_width_per_step():
    probe = Probe("seeded", {"seed": 9, "vocab": 6, "scale": 1.0, "eos": 5, "eos_bias": 1.0})
    f = Recorder(probe)
    tokens, _ = beam(f, 0, 5, 4, 8)
    assert all(p[0] == 0 and 5 not in p for p in f.calls)
    per_length = {n: sum(len(p) == n for p in f.calls) for n in {len(p) for p in f.calls}}
    assert max(per_length.values()) <= 4 and len(f.calls) == len(f.prefixes)


# The numbers the texts state.

def text() -> str:
    p = problem()
    parts = [p.parts[0].prompt, p.think_aloud, *(i.body for i in p.insights), *(f.answer for f in p.followups)]
    return " ".join(parts)


def example_model() -> Probe:
    load_topics()
    test = problem().examples()[0]
    return build([r.as_dict() for r in test.inputs], test.given)["step_fn"]


def test_underflow_numbers():
    tiny = float(np.nextafter(0.0, 1.0))
    assert f"{tiny:.1e}" == "4.9e-324" and round(math.log(tiny), 1) == -744.4 and round(math.log(tiny)) == -744
    nats = math.log(2000)
    assert round(nats, 1) == 7.6 and round(-math.log(tiny) / nats) == 98
    assert math.exp(-745) == tiny  # e^-745 rounds to the smallest subnormal; a little lower is exactly 0
    assert math.exp(-746) == 0.0
    t = text()
    assert "4.9e-324, e^-744.4" in t and "7.6 nats" in t and "after about 98 tokens" in t and "near e^-745" in t


def stability_model() -> Probe:
    load_topics()
    test = next(t for t in problem().tests if t.name == "a 115-token sequence over 2,000 tokens")
    assert test.program == ["tokens, score = beam_search(step_fn, 0, 1999, 2, 115)"]
    return build([r.as_dict() for r in test.inputs], test.given)["step_fn"]


def test_the_stability_test_numbers():
    tokens, total = beam(Recorder(stability_model()), 0, 1999, 2, 115)
    assert len(tokens) == 116 and round(total / 5) * 5 == -795 and total < math.log(np.nextafter(0.0, 1.0))
    assert "(115 tokens) the best sequence's log-probability is about -795" in text()
    # the product of probabilities is 0 for every final candidate: all are at most the best sum
    assert math.exp(total) == 0.0


def test_the_example_numbers():
    model = example_model()
    greedy_tokens, greedy_total = greedy(Recorder(model), 0, 3, 4, 0.0)
    assert greedy_tokens == [0, 1, 2, 3] and math.exp(greedy_total) == pytest.approx(0.5 * 0.6 * 0.6) == 0.18
    assert beam(Recorder(model), 0, 3, 2, 4) == ([0, 3], pytest.approx(math.log(0.3)))
    assert round(math.log(0.3), 3) == -1.204 and round(math.log(0.18), 3) == -1.715
    assert beam(Recorder(model), 0, 3, 3, 4, length_penalty=1.0) == ([0, 1, 2, 3], pytest.approx(math.log(0.18) / 3))
    assert round(math.log(0.18) / 3, 3) == -0.572
    t = text()
    for said in ["0.5 x 0.6 x 0.6 = 0.18", "worth 0.3", "(-1.204 against -1.715)", "(-0.572 per token against -1.204)"]:
        assert said in t


def test_the_exhaustive_count():
    seqs = list(sequences(3, 2, 3))
    assert len(seqs) == 15 and sum(s[-1] == 2 for s in seqs) == 7 and sum(s[-1] != 2 for s in seqs) == 8
    assert "has only 15 sequences (7 that end in `eos`, 8 that never finish)" in text()
    test = next(t for t in problem().tests if "exhaustive" in t.name)
    assert "beam_search(step_fn, 0, 2, 20, 3" in test.program[0] and 20 >= 15


def test_the_prompt_describes_the_tests():
    load_topics()
    tests = problem().tests
    built = {t.name: build([r.as_dict() for r in t.inputs], t.given) for t in tests}
    vocabs = {t.name: b["step_fn"].params.get("vocab") or len(b["step_fn"].params["probs"]) for t, b in
              zip(tests, built.values())}
    graded = [t for t in tests if t.category != "efficiency"]
    assert max(vocabs[t.name] for t in graded) == 2000
    calls = [t.program[0] for t in graded]
    penalties = {0.0} | {float(c.split("length_penalty=")[1].rstrip(")")) for c in calls if "length_penalty" in c}
    assert penalties == {0.0, 0.6, 1.0}
    widths = [int(c.split("beam_search(")[1].split(",")[3]) for c in calls]
    lengths = [int(c.split("beam_search(")[1].split(",")[4].rstrip(")").split(")")[0]) for c in calls]
    assert min(widths) == 1 and max(widths) == 20 and max(lengths) == 115
    speed = next(t for t in tests if t.category == "efficiency")
    assert vocabs[speed.name] == 10_000 and "beam_search(step_fn, 0, 3, 8, 30)" == speed.program[0].removeprefix(
        "result = ") and 10_000 * 8 == 80_000
    prompt = problem().parts[0].prompt
    for said in ["up to 2,000 tokens", "`rtol=1e-5`", "of 0, 0.6 and 1", "from 1 to 20", "up to 115 tokens long",
                 "10,000-token vocabulary with `beam_width = 8`"]:
        assert said in prompt
    assert "(V = 10,000, `beam_width = 8`, 80,000 candidates per step)" in text()


def test_the_underflow_mistake_degenerates_into_the_smallest_tokens():
    """Until the products reach 0 the mistake agrees with the reference; then every candidate ties at 0 and the
    tie rule picks token 0 again and again (the test observes the first 80 tokens, before the underflow)."""
    from mlprep.engine.diagnose import mistake_namespace

    p = problem()
    mistake = next(m for m in p.mistakes if m.id == "multiplies_probabilities")
    model = stability_model()
    want, _ = beam(Recorder(model), 0, 1999, 2, 115)
    with np.errstate(divide="ignore"):
        tokens, total = mistake_namespace(p, mistake)["beam_search"](Recorder(model), 0, 1999, 2, 115)
    f = Recorder(model)
    sums = np.cumsum([f(want[:i])[want[i]] for i in range(1, len(want))])
    gone = int(np.argmax(sums < math.log(np.nextafter(0.0, 1.0))))  # the first token whose product underflows
    assert 80 < gone < 115 and tokens[:80] == want[:80]
    assert total == -math.inf and tokens[-3:] == [0, 0, 0] and tokens != want


def test_the_prompt_tie_rule_examples_are_how_python_compares_lists():
    assert [0, 1] < [0, 2] and [0, 1] < [0, 1, 0]
    assert "(`[0, 1] < [0, 2]` and `[0, 1] < [0, 1, 0]`)" in problem().parts[0].prompt
