# mlprep: beam_search
# expect: fail multiplies_probabilities
"""Keeps each hypothesis's probability as a running product of softmax probabilities."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    beams = [([bos], 1.0)]
    finished = []
    for _ in range(max_len):
        pool = []
        for seq, prob in beams:
            p = np.exp(step_fn(seq))
            for tok in np.argsort(-p, kind="stable")[:beam_width]:
                pool.append((prob * p[tok], seq + [int(tok)]))
        pool.sort(key=lambda c: (-c[0], c[1]))
        beams = []
        for prob, seq in pool[:beam_width]:
            if seq[-1] == eos:
                finished.append((seq, prob))
            else:
                beams.append((seq, prob))
        if len(finished) >= beam_width or not beams:
            break

    def score(h):
        return np.log(h[1]) / (len(h[0]) - 1) ** length_penalty

    best = min(finished or beams, key=lambda h: (-score(h), h[0]))
    return best[0], float(score(best))
