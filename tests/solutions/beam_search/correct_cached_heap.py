# mlprep: beam_search
# expect: pass
"""A cache of step_fn outputs per prefix (each prefix asked once), heapq.nsmallest over per-row argpartition picks."""

import heapq

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    cache = {}

    def next_logp(prefix):
        if prefix not in cache:
            cache[prefix] = np.asarray(step_fn(list(prefix)), dtype=np.float64)
        return cache[prefix]

    live = {(bos,): 0.0}
    complete = {}
    for _ in range(max_len):
        entries = []
        for prefix, s in live.items():
            lp = next_logp(prefix)
            m = min(beam_width, lp.size)
            cut = np.partition(lp, lp.size - m)[lp.size - m]
            for t in np.flatnonzero(lp >= cut):
                entries.append((-(s + lp[t]), prefix + (int(t),)))
        kept = heapq.nsmallest(beam_width, entries)
        live = {}
        for neg, seq in kept:
            if seq[-1] == eos:
                complete[seq] = -neg
            else:
                live[seq] = -neg
        if len(complete) >= beam_width or not live:
            break
    source = complete if complete else live
    ranked = sorted(source.items(), key=lambda kv: (-kv[1] / (len(kv[0]) - 1) ** length_penalty, kv[0]))
    seq, s = ranked[0]
    return list(seq), s / (len(seq) - 1) ** length_penalty
