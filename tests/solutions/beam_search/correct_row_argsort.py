# mlprep: beam_search
# expect: pass
"""Each live hypothesis offers its own best beam_width tokens (a stable sort keeps smaller ids first on ties); the pool is then ranked."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    live = [([bos], 0.0)]
    done = []
    steps = 0
    while live and steps < max_len and len(done) < beam_width:
        steps += 1
        pool = []
        for seq, total in live:
            logp = np.asarray(step_fn(seq), dtype=float)
            for tok in np.argsort(-logp, kind="stable")[:beam_width]:
                pool.append((total + logp[tok], seq + [int(tok)]))
        pool.sort(key=lambda c: (-c[0], c[1]))
        live = []
        for total, seq in pool[:beam_width]:
            (done if seq[-1] == eos else live).append((seq, total))

    def norm(h):
        return h[1] / (len(h[0]) - 1) ** length_penalty

    best = min(done or live, key=lambda h: (-norm(h), h[0]))
    return best[0], float(norm(best))
