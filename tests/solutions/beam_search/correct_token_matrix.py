# mlprep: beam_search
# expect: pass
"""Live hypotheses as rows of an int matrix, passed to step_fn as arrays; ranking by np.lexsort on (tokens, -score)."""

import numpy as np


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    seqs = np.array([[bos]], dtype=np.int64)
    sums = np.zeros(1)
    ended = []  # (tokens list, log-prob sum)
    for _ in range(max_len):
        logp = np.vstack([step_fn(row) for row in seqs])
        total = (sums[:, None] + logp).ravel()
        V = logp.shape[1]
        k = min(beam_width, total.size)
        threshold = np.sort(np.partition(total, total.size - k)[total.size - k:])[0]
        pick = np.flatnonzero(total >= threshold)
        parents, toks = pick // V, pick % V
        cand = np.hstack([seqs[parents], toks[:, None]])
        # lexsort: last key is primary, so -score first, then the tokens from the first column on
        keys = [cand[:, j] for j in range(cand.shape[1] - 1, -1, -1)] + [-total[pick]]
        order = np.lexsort(keys)[:beam_width]
        cand, cand_sum = cand[order], total[pick][order]
        is_end = cand[:, -1] == eos
        ended += [(row.tolist(), float(s)) for row, s in zip(cand[is_end], cand_sum[is_end])]
        seqs, sums = cand[~is_end], cand_sum[~is_end]
        if len(ended) >= beam_width or len(seqs) == 0:
            break
    pool = ended or [(row.tolist(), float(s)) for row, s in zip(seqs, sums)]
    scored = [(s / (len(t) - 1) ** length_penalty, t) for t, s in pool]
    best_score = max(s for s, _ in scored)
    best = min(t for s, t in scored if s == best_score)
    return best, float(best_score)
