# mlprep: bpe
# expect: pass
"""Incremental counts over only the affected words; the best pair by a scan of the counts dict (O(pairs) a merge)."""
from collections import defaultdict


def merge_pair(symbols, pair):
    merged = []
    skip = False
    for i, s in enumerate(symbols):
        if skip:
            skip = False
            continue
        if i + 1 < len(symbols) and (s, symbols[i + 1]) == pair:
            merged.append(s + symbols[i + 1])
            skip = True
        else:
            merged.append(s)
    return merged


def train_bpe(words, num_merges):
    items = [(list(w) + ["</w>"], f) for w, f in words.items()]
    counts = defaultdict(int)
    where = defaultdict(set)
    for idx, (sy, f) in enumerate(items):
        for p in zip(sy, sy[1:]):
            counts[p] += f
            where[p].add(idx)
    merges = []
    for _ in range(num_merges):
        if not counts:
            break
        best = None
        for p, c in counts.items():
            if best is None or c > counts[best] or (c == counts[best] and p < best):
                best = p
        merges.append(best)
        for idx in where.pop(best):
            sy, f = items[idx]
            new = merge_pair(sy, best)
            if len(new) == len(sy):
                continue
            for p in zip(sy, sy[1:]):
                counts[p] -= f
                if counts[p] == 0:
                    del counts[p]
            for p in zip(new, new[1:]):
                counts[p] += f
                where[p].add(idx)
            items[idx] = (new, f)
    return merges


def bpe_encode(word, merges):
    rank = {tuple(m): r for r, m in reversed(list(enumerate(merges)))}
    symbols = list(word) + ["</w>"]
    while len(symbols) >= 2:
        pair = min(zip(symbols, symbols[1:]), key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        symbols = merge_pair(symbols, pair)
    return symbols
