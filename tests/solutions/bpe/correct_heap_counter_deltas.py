# mlprep: bpe
# expect: pass
"""Incremental counts with Counter deltas per touched word, a lazy max-heap, encode by rank with a while loop."""
import heapq
from collections import Counter, defaultdict


def merge_word(symbols, a, b):
    out = []
    i = 0
    while i < len(symbols):
        if i < len(symbols) - 1 and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(words, num_merges):
    vocab = {w: tuple(w) + ("</w>",) for w in words}
    stats = Counter()
    index = defaultdict(set)
    for w, syms in vocab.items():
        for pair in zip(syms, syms[1:]):
            stats[pair] += words[w]
            index[pair].add(w)
    heap = [(-c, p) for p, c in stats.items()]
    heapq.heapify(heap)
    merges = []
    while len(merges) < num_merges and heap:
        c, p = heapq.heappop(heap)
        if stats.get(p, 0) != -c:
            if stats.get(p, 0) > 0:
                heapq.heappush(heap, (-stats[p], p))
            continue
        merges.append(p)
        changed = Counter()
        for w in index.pop(p):
            old = vocab[w]
            new = merge_word(old, *p)
            if new == old:
                continue
            vocab[w] = new
            d = Counter(zip(new, new[1:]))
            d.subtract(Counter(zip(old, old[1:])))
            for q, k in d.items():
                if k:
                    changed[q] += k * words[w]
                    if k > 0:
                        index[q].add(w)
        for q, k in changed.items():
            stats[q] += k
            if stats[q] <= 0:
                del stats[q]
            elif k > 0:
                heapq.heappush(heap, (-stats[q], q))
    return merges


def bpe_encode(word, merges):
    rank = {}
    for r, m in enumerate(merges):
        rank.setdefault(tuple(m), r)
    syms = tuple(word) + ("</w>",)
    while True:
        candidates = [(rank[q], q) for q in zip(syms, syms[1:]) if q in rank]
        if not candidates:
            return list(syms)
        _, (a, b) = min(candidates)
        syms = merge_word(syms, a, b)
