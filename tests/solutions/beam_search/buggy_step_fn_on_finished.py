# mlprep: beam_search
# expect: fail step_fn_on_finished
"""Beam search that scores every hypothesis it holds, finished ones included, and then ignores theirs."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    hyps = [([bos], 0.0, False)]  # (tokens, log-prob sum, done)
    for _ in range(max_len):
        candidates = []
        for tokens, total, done in hyps:
            logp = np.asarray(step_fn(tokens))  # called on done hypotheses too
            if done:
                continue
            for v in np.argsort(-logp, kind="stable")[:beam_width]:
                candidates.append((total + float(logp[v]), tokens + [int(v)]))
        candidates.sort(key=lambda c: (-c[0], c[1]))
        kept = candidates[:beam_width]
        hyps = [h for h in hyps if h[2]] + [(t, s, t[-1] == eos) for s, t in kept]
        if sum(h[2] for h in hyps) >= beam_width or all(h[2] for h in hyps):
            break

    def score(h):
        return h[1] / (len(h[0]) - 1) ** length_penalty

    done = [h for h in hyps if h[2]] or hyps
    best = min(done, key=lambda h: (-score(h), h[0]))
    return best[0], float(score(best))
