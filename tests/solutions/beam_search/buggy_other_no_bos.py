# mlprep: beam_search
# expect: fail
"""Right search, but returns only the generated tokens, without bos."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    live = [([bos], 0.0)]
    done = []
    for _ in range(max_len):
        pool = []
        for seq, total in live:
            logp = np.asarray(step_fn(seq), dtype=float)
            for tok in np.argsort(-logp, kind="stable")[:beam_width]:
                pool.append((total + logp[tok], seq + [int(tok)]))
        pool.sort(key=lambda c: (-c[0], c[1]))
        live = []
        for total, seq in pool[:beam_width]:
            (done if seq[-1] == eos else live).append((seq, total))
        if len(done) >= beam_width or not live:
            break
    best = min(done or live, key=lambda h: (-h[1] / (len(h[0]) - 1) ** length_penalty, h[0]))
    return best[0][1:], float(best[1] / (len(best[0]) - 1) ** length_penalty)
