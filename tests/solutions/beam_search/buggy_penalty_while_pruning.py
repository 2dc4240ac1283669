# mlprep: beam_search
# expect: fail penalty_while_pruning
"""Stores every hypothesis's score already divided by its length penalty, then keeps adding to it."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    live = [([bos], 0.0)]
    done = []
    for step in range(1, max_len + 1):
        pool = []
        for seq, score in live:
            logp = np.asarray(step_fn(seq))
            for tok in np.argsort(-logp, kind="stable")[:beam_width]:
                pool.append(((score + logp[tok]) / step ** length_penalty, seq + [int(tok)]))
        pool.sort(key=lambda c: (-c[0], c[1]))
        live = []
        for score, seq in pool[:beam_width]:
            (done if seq[-1] == eos else live).append((seq, score))
        if len(done) >= beam_width or not live:
            break
    final = [(s / (len(q) - 1) ** length_penalty, q) for q, s in (done or live)]
    best = min(final, key=lambda c: (-c[0], c[1]))
    return best[1], float(best[0])
