# mlprep: beam_search
# expect: fail top_k_per_beam
"""Collects each hypothesis's own top tokens in beam order and keeps the first beam_width, never ranking them together."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    beam = [([bos], 0.0)]
    finished = []
    for _ in range(max_len):
        candidates = []
        for seq, total in beam:
            logp = np.asarray(step_fn(seq), dtype=float)
            best = np.argsort(-logp, kind="stable")[:beam_width]
            candidates.extend((seq + [int(t)], total + float(logp[t])) for t in best)
        beam = []
        for seq, total in candidates[:beam_width]:
            if seq[-1] == eos:
                finished.append((seq, total))
            else:
                beam.append((seq, total))
        if len(finished) >= beam_width or not beam:
            break
    pool = finished or beam
    best = max(pool, key=lambda h: (h[1] / (len(h[0]) - 1) ** length_penalty, [-t for t in h[0]]))
    return best[0], best[1] / (len(best[0]) - 1) ** length_penalty
