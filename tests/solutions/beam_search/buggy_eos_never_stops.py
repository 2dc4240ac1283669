# mlprep: beam_search
# expect: fail eos_never_stops
"""Treats eos like any other token: every hypothesis runs to max_len."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    seqs, sums = [[bos]], np.zeros(1)
    for _ in range(max_len):
        logp = np.stack([step_fn(s) for s in seqs])
        total = (sums[:, None] + logp).ravel()
        V = logp.shape[1]
        k = min(beam_width, total.size)
        cut = np.partition(total, total.size - k)[total.size - k]
        pick = sorted(np.flatnonzero(total >= cut), key=lambda i: (-total[i], seqs[i // V] + [int(i % V)]))[:beam_width]
        seqs = [seqs[i // V] + [int(i % V)] for i in pick]
        sums = total[pick]
    scores = sums / max_len ** length_penalty
    i = min(range(len(seqs)), key=lambda j: (-scores[j], seqs[j]))
    return seqs[i], float(scores[i])
