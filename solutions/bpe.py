# mlprep: bpe
"""Reference: byte-pair encoding trained with incremental pair counts, and encoding by merge rank (the GPT-2 rule)."""

import heapq
from collections import defaultdict

END = "</w>"


def _symbols(word):
    """A word's starting symbols: its characters, then the end-of-word symbol."""
    return list(word) + [END]


def _apply(symbols, pair):
    """Merge every occurrence of pair, left to right without overlap: (merged, pairs removed, pairs added).

    Only the pairs at a merge site change: the merged pair itself and its neighbours on either side.
    """
    first, second = pair
    new = first + second
    merged, sites = [], []
    i, n = 0, len(symbols)
    while first in symbols[i:]:
        j = symbols.index(first, i)  # the next place the pair can start
        if j + 1 < n and symbols[j + 1] == second:
            merged.extend(symbols[i:j])
            merged.append(new)
            sites.append(j)
            i = j + 2
        else:
            merged.extend(symbols[i : j + 1])
            i = j + 1
    if not sites:
        return symbols, [], []
    merged.extend(symbols[i:])
    gone = sorted({p for i in sites for p in (i - 1, i, i + 1) if 0 <= p < n - 1})
    made = sorted({p for k, i in enumerate(sites) for p in (i - k - 1, i - k) if 0 <= p < len(merged) - 1})
    removed = [(symbols[p], symbols[p + 1]) for p in gone]
    added = [(merged[p], merged[p + 1]) for p in made]
    return merged, removed, added


def train_bpe(words, num_merges):
    """The merges, in order: each the most frequent adjacent pair (ties: the smallest pair), counted by frequency."""
    vocab = [_symbols(word) for word in words]
    freqs = list(words.values())
    counts = defaultdict(int)  # pair -> frequency-weighted count over every position
    where = defaultdict(set)  # pair -> the words that hold it (and perhaps some that no longer do)
    for i, symbols in enumerate(vocab):
        for pair in zip(symbols, symbols[1:]):
            counts[pair] += freqs[i]
            where[pair].add(i)
    heap = [(-count, pair) for pair, count in counts.items()]
    heapq.heapify(heap)
    merges = []
    while heap and len(merges) < num_merges:
        negative, pair = heapq.heappop(heap)
        count = counts.get(pair, 0)
        if count != -negative:  # stale: the count fell since this entry was pushed
            if count > 0:
                heapq.heappush(heap, (-count, pair))
            continue
        merges.append(pair)
        grown = set()
        for i in where.pop(pair):
            vocab[i], removed, added = _apply(vocab[i], pair)
            for p in removed:
                counts[p] -= freqs[i]
            for p in added:
                counts[p] += freqs[i]
                where[p].add(i)
                grown.add(p)
        for p in grown:  # a count that rose needs a fresh entry now; one that fell is fixed when popped
            heapq.heappush(heap, (-counts[p], p))
        counts.pop(pair, None)
    return merges


def bpe_encode(word, merges):
    """The word's pieces: repeatedly merge every occurrence of the present pair with the lowest merge rank."""
    ranks = {}
    for rank, pair in enumerate(merges):
        ranks.setdefault(tuple(pair), rank)
    symbols = _symbols(word)
    while len(symbols) > 1:
        best = min(zip(symbols, symbols[1:]), key=lambda p: ranks.get(p, len(ranks)))
        if best not in ranks:
            break
        symbols = _apply(symbols, best)[0]
    return symbols
