# mlprep: bpe
# expect: fail
"""Stops one merge early."""
from collections import Counter


def split(word):
    return list(word) + ["</w>"]


def join_pair(symbols, a, b):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def pair_counts(vocab, words):
    stats = Counter()
    for w, syms in vocab.items():
        for p in zip(syms, syms[1:]):
            stats[p] += words[w]
    return stats


def train_bpe(words, num_merges):
    vocab = {w: split(w) for w in words}
    merges = []
    for _ in range(num_merges - 1):
        stats = pair_counts(vocab, words)
        if not stats:
            break
        best = min(stats, key=lambda p: (-stats[p], p))
        merges.append(best)
        vocab = {w: join_pair(s, *best) for w, s in vocab.items()}
    return merges


def bpe_encode(word, merges):
    ranks = {}
    for r, m in enumerate(merges):
        ranks.setdefault(tuple(m), r)
    syms = split(word)
    while True:
        found = [(ranks[p], p) for p in zip(syms, syms[1:]) if p in ranks]
        if not found:
            return syms
        syms = join_pair(syms, *min(found)[1])
