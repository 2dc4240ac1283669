# mlprep: beam_search
"""Reference: beam search over a step function's log-probabilities, with a length penalty."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    """Best sequence (starting with bos) and its score, sum of log-probs / len ** length_penalty."""
    beam = [((bos,), 0.0)]  # live hypotheses: (tokens, sum of log-probabilities)
    finished = []
    for length in range(1, max_len + 1):
        logp = np.array([step_fn(list(tokens)) for tokens, _ in beam], dtype=float)
        totals = np.array([total for _, total in beam])[:, None] + logp  # (live, vocab)
        vocab = totals.shape[1]
        flat = totals.ravel()
        k = min(beam_width, flat.size)
        cut = np.partition(flat, flat.size - k)[flat.size - k]  # the k-th best total
        chosen = np.flatnonzero(flat >= cut)  # every candidate at least as good (ties at the cut too)
        ranked = sorted((-flat[i], beam[i // vocab][0] + (int(i % vocab),)) for i in chosen)
        beam = []
        for neg, tokens in ranked[:beam_width]:
            total = -neg
            if tokens[-1] == eos:
                finished.append((tokens, total))
            else:
                beam.append((tokens, total))
        if len(finished) >= beam_width or not beam:
            break
    pool = finished or beam
    best = min(pool, key=lambda h: (-h[1] / (len(h[0]) - 1) ** length_penalty, h[0]))
    return list(best[0]), float(best[1] / (len(best[0]) - 1) ** length_penalty)
