# mlprep: bpe
# expect: pass
"""A small class per word; pair counts updated around each merge site only; numpy-free, heap with versions."""
import heapq
from collections import defaultdict

EOW = "</w>"


class Word:
    def __init__(self, text, freq):
        self.sym = [*text, EOW]
        self.freq = freq

    def pairs(self):
        return list(zip(self.sym, self.sym[1:]))

    def merge(self, a, b):
        """Merge (a, b) everywhere; return the pair deltas (removed with -1, added with +1)."""
        old = self.pairs()
        out, i = [], 0
        while i < len(self.sym):
            if i + 1 < len(self.sym) and self.sym[i] == a and self.sym[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(self.sym[i])
                i += 1
        self.sym = out
        delta = defaultdict(int)
        for p in old:
            delta[p] -= 1
        for p in self.pairs():
            delta[p] += 1
        return {p: d for p, d in delta.items() if d}


def train_bpe(words, num_merges):
    table = [Word(w, f) for w, f in words.items()]
    count = defaultdict(int)
    owners = defaultdict(set)
    for k, w in enumerate(table):
        for p in w.pairs():
            count[p] += w.freq
            owners[p].add(k)
    heap = [(-c, p) for p, c in count.items()]
    heapq.heapify(heap)
    out = []
    while heap and len(out) < num_merges:
        neg, p = heapq.heappop(heap)
        if count.get(p, 0) != -neg:
            continue
        out.append(p)
        rose = set()
        for k in owners.pop(p):
            for q, d in table[k].merge(*p).items():
                count[q] += d * table[k].freq
                if d > 0:
                    owners[q].add(k)
                    rose.add(q)
                elif count[q] > 0:
                    heapq.heappush(heap, (-count[q], q))
        for q in rose:
            heapq.heappush(heap, (-count[q], q))
        count.pop(p, None)
    return out


def bpe_encode(word, merges):
    ranks = {}
    for r, pair in enumerate(merges):
        ranks.setdefault(pair, r)
    w = Word(word, 1)
    while True:
        ranked = sorted((ranks[p], p) for p in w.pairs() if p in ranks)
        if not ranked:
            return w.sym
        w.merge(*ranked[0][1])
