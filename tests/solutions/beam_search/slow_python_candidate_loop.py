# mlprep: beam_search
# expect: slow python_candidate_loop
"""Correct, but scores every (hypothesis, token) pair in a Python loop and sorts them all."""


def beam_search(step_fn, bos, eos, beam_width, max_len, length_penalty=0.0):
    beam = [(0.0, [bos])]
    finished = []
    for _ in range(max_len):
        candidates = []
        for total, seq in beam:
            logp = step_fn(seq).tolist()
            for tok, lp in enumerate(logp):
                candidates.append((-(total + lp), seq + [tok]))
        candidates.sort()
        beam = []
        for neg, seq in candidates[:beam_width]:
            if seq[-1] == eos:
                finished.append((-neg, seq))
            else:
                beam.append((-neg, seq))
        if len(finished) >= beam_width or not beam:
            break
    pool = finished or beam
    ranked = sorted(pool, key=lambda h: (-h[0] / (len(h[1]) - 1) ** length_penalty, h[1]))
    total, seq = ranked[0]
    return seq, total / (len(seq) - 1) ** length_penalty
