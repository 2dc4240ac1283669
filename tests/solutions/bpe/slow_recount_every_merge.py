# mlprep: bpe
# expect: slow recount_every_merge
"""Correct, but every pair of every word is recounted before each merge."""
from collections import Counter


def _merge(symbols, a, b):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(words, num_merges):
    vocab = {w: list(w) + ["</w>"] for w in words}
    merges = []
    for _ in range(num_merges):
        stats = Counter()
        for w, syms in vocab.items():
            for p in zip(syms, syms[1:]):
                stats[p] += words[w]
        if not stats:
            break
        top = max(stats.values())
        best = min(p for p, c in stats.items() if c == top)
        merges.append(best)
        vocab = {w: _merge(s, *best) for w, s in vocab.items()}
    return merges


def bpe_encode(word, merges):
    ranks = {}
    for r, m in enumerate(merges):
        ranks.setdefault(tuple(m), r)
    syms = list(word) + ["</w>"]
    while True:
        found = [(ranks[p], p) for p in zip(syms, syms[1:]) if p in ranks]
        if not found:
            return syms
        syms = _merge(syms, *min(found)[1])
