# mlprep: bpe
# expect: pass
"""Index pair -> {word id: occurrences}, exact (no stale entries); the best pair by a heap; encode recursively."""
import heapq


def _merge(seq, pair):
    out, i = [], 0
    while i < len(seq):
        if seq[i : i + 2] == list(pair):
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(seq[i])
            i += 1
    return out


def _count(seq):
    c = {}
    for p in zip(seq, seq[1:]):
        c[p] = c.get(p, 0) + 1
    return c


def train_bpe(words, num_merges):
    seqs = [list(w) + ["</w>"] for w in words]
    freq = [words[w] for w in words]
    total = {}
    occ = {}
    for i, s in enumerate(seqs):
        for p, k in _count(s).items():
            total[p] = total.get(p, 0) + k * freq[i]
            occ.setdefault(p, {})[i] = k
    heap = [(-v, p) for p, v in total.items()]
    heapq.heapify(heap)
    result = []
    while heap and len(result) < num_merges:
        v, p = heapq.heappop(heap)
        if total.get(p) != -v:
            continue
        result.append(p)
        touched = set()
        for i in list(occ[p]):
            before = _count(seqs[i])
            seqs[i] = _merge(seqs[i], p)
            after = _count(seqs[i])
            for q in set(before) | set(after):
                k = after.get(q, 0) - before.get(q, 0)
                if not k:
                    continue
                total[q] = total.get(q, 0) + k * freq[i]
                if after.get(q, 0):
                    occ.setdefault(q, {})[i] = after[q]
                else:
                    occ[q].pop(i, None)
                touched.add(q)
        for q in touched:
            if total[q] > 0:
                heapq.heappush(heap, (-total[q], q))
            else:
                del total[q]
                occ.pop(q, None)
    return result


def bpe_encode(word, merges):
    ranks = {}
    for r, (a, b) in enumerate(merges):
        ranks.setdefault((a, b), r)

    def go(seq):
        ranked = [ranks[p] for p in zip(seq, seq[1:]) if p in ranks]
        if not ranked:
            return seq
        return go(_merge(seq, merges[min(ranked)]))

    return go(list(word) + ["</w>"])
