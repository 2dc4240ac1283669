# mlprep: beam_search
# expect: pass
"""Hypotheses as small dataclasses; the candidate matrix is cut with argpartition, ties at the cut all kept."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Hyp:
    tokens: tuple
    logprob: float

    def score(self, alpha):
        return self.logprob / (len(self.tokens) - 1) ** alpha


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    beam = [Hyp((bos,), 0.0)]
    finished = []
    for _ in range(max_len):
        rows = np.stack([step_fn(h.tokens) for h in beam])
        scores = rows + np.array([h.logprob for h in beam])[:, None]
        flat = scores.reshape(-1)
        n = min(beam_width, flat.size)
        kth = -np.partition(-flat, n - 1)[n - 1]
        idx = np.nonzero(flat >= kth)[0]
        width = rows.shape[1]
        cands = [Hyp(beam[i // width].tokens + (i % width,), float(flat[i])) for i in idx.tolist()]
        cands.sort(key=lambda h: (-h.logprob, h.tokens))
        beam = []
        for h in cands[:beam_width]:
            if h.tokens[-1] == eos:
                finished.append(h)
            else:
                beam.append(h)
        if len(finished) >= beam_width or not beam:
            break
    pool = finished if finished else beam
    best = sorted(pool, key=lambda h: (-h.score(length_penalty), h.tokens))[0]
    return [int(t) for t in best.tokens], float(best.score(length_penalty))
