# mlprep: bpe
# expect: pass
"""Words as space-joined strings merged with a regular expression (the original paper's trick), with an index."""
import re
from collections import defaultdict


def _pattern(pair):
    return re.compile(r"(?<!\S)" + re.escape(pair[0] + " " + pair[1]) + r"(?!\S)")


def _pairs(text):
    s = text.split(" ")
    return list(zip(s, s[1:]))


def train_bpe(words, num_merges):
    texts = {w: " ".join(list(w) + ["</w>"]) for w in words}
    counts = defaultdict(int)
    holders = defaultdict(set)
    for w, t in texts.items():
        for p in _pairs(t):
            counts[p] += words[w]
            holders[p].add(w)
    buckets = defaultdict(set)  # count -> pairs with that count
    for p, c in counts.items():
        buckets[c].add(p)
    merges = []
    while len(merges) < num_merges:
        while buckets and not buckets[max(buckets)]:
            del buckets[max(buckets)]
        if not buckets:
            break
        top = max(buckets)
        best = min(buckets[top])
        merges.append(best)
        pat = _pattern(best)
        joined = best[0] + best[1]
        for w in list(holders.pop(best, ())):
            old = texts[w]
            new = pat.sub(joined, old)
            if new == old:
                continue
            texts[w] = new
            f = words[w]
            for p in _pairs(old):
                buckets[counts[p]].discard(p)
                counts[p] -= f
            for p in _pairs(new):
                buckets[counts[p]].discard(p)
                counts[p] += f
                holders[p].add(w)
            for p in set(_pairs(old)) | set(_pairs(new)):
                if counts[p] > 0:
                    buckets[counts[p]].add(p)
                else:
                    counts.pop(p, None)
        buckets.pop(0, None)
    return merges


def bpe_encode(word, merges):
    order = {}
    for i, pair in enumerate(merges):
        if tuple(pair) not in order:
            order[tuple(pair)] = i
    text = " ".join(list(word) + ["</w>"])
    while True:
        present = [p for p in _pairs(text) if p in order]
        if not present:
            break
        best = min(present, key=order.__getitem__)
        text = _pattern(best).sub(best[0] + best[1], text)
    return text.split(" ")
