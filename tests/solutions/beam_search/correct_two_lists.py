# mlprep: beam_search
# expect: pass
"""Token lists and sums kept in parallel lists; np.argpartition on the flattened totals, a tuple prefix to step_fn."""

import math

import numpy as np


def _rank(total, length, alpha):
    return total / math.pow(length, alpha)


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    tok_lists = [[bos]]
    sums = [0.0]
    fin_toks, fin_sums = [], []
    t = 0
    while t < max_len:
        t += 1
        out = np.array([step_fn(tuple(seq)) for seq in tok_lists])
        tot = out + np.array(sums).reshape(-1, 1)
        flat = tot.flatten()
        k = min(beam_width, len(flat))
        top = np.argpartition(-flat, k - 1)[:k]
        floor = flat[top].min()
        idx = np.where(flat >= floor)[0]
        order = sorted(idx, key=lambda i: (-flat[i], tok_lists[i // out.shape[1]] + [i % out.shape[1]]))
        order = order[:beam_width]
        new_toks, new_sums = [], []
        for i in order:
            seq = tok_lists[i // out.shape[1]] + [int(i % out.shape[1])]
            if seq[-1] == eos:
                fin_toks.append(seq)
                fin_sums.append(float(flat[i]))
            else:
                new_toks.append(seq)
                new_sums.append(float(flat[i]))
        tok_lists, sums = new_toks, new_sums
        if len(fin_toks) >= beam_width or not tok_lists:
            break
    toks, tots = (fin_toks, fin_sums) if fin_toks else (tok_lists, sums)
    best = None
    for seq, s in zip(toks, tots):
        r = _rank(s, len(seq) - 1, length_penalty)
        if best is None or r > best[0] or (r == best[0] and seq < best[1]):
            best = (r, seq)
    return best[1], best[0]
