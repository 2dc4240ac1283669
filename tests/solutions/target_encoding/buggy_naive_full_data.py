# mlprep: target_encoding
# expect: fail naive_full_data
# encodes the training rows with the full-data map: each row sees its own label
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    enc_map = _enc(cats, y, smooth, mu).to_dict()
    oof = cats.map(enc_map).to_numpy(dtype=float)
    return oof, enc_map, float(mu)
