# mlprep: beam_search
# expect: fail finished_kept_expanding
"""Records hypotheses that reach eos, but leaves them in the beam, where they keep growing."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    beam = [(0.0, (bos,))]
    ended = []
    for _ in range(max_len):
        rows = np.array([step_fn(list(t)) for _, t in beam])
        tot = rows + np.array([s for s, _ in beam])[:, None]
        V = rows.shape[1]
        order = np.argsort(-tot.ravel(), kind="stable")
        cands = sorted(((float(tot.ravel()[i]), beam[i // V][1] + (int(i % V),)) for i in order[: beam_width * 4]),
                       key=lambda c: (-c[0], c[1]))[:beam_width]
        ended += [c for c in cands if c[1][-1] == eos]
        beam = cands
        if len(ended) >= beam_width:
            break
    pool = ended or beam
    best = min(pool, key=lambda c: (-c[0] / (len(c[1]) - 1) ** length_penalty, c[1]))
    return list(best[1]), best[0] / (len(best[1]) - 1) ** length_penalty
