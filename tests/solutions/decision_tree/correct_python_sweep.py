# mlprep: decision_tree
# expect: pass
"""One sorted sweep per feature in plain Python: counts move one row at a time from right to left."""
import math


def impurity(counts, total, criterion):
    if total == 0:
        return 0.0
    if criterion == "gini":
        return 1.0 - sum((c / total) ** 2 for c in counts)
    h = 0.0
    for c in counts:
        if c:
            p = c / total
            h -= p * math.log2(p)
    return h


def best_split(X, y, criterion="gini"):
    rows = [list(map(float, r)) for r in X]
    labels = sorted(set(int(v) for v in y))
    index = {lab: k for k, lab in enumerate(labels)}
    codes = [index[int(v)] for v in y]
    n = len(rows)
    d = len(rows[0]) if n else 0
    total = [0] * len(labels)
    for c in codes:
        total[c] += 1
    parent = impurity(total, n, criterion)
    best_feature, best_threshold, best_gain = None, None, 0.0
    for j in range(d):
        order = sorted(range(n), key=lambda i: rows[i][j])
        left = [0] * len(labels)
        right = list(total)
        for pos in range(n - 1):
            c = codes[order[pos]]
            left[c] += 1
            right[c] -= 1
            a, b = rows[order[pos]][j], rows[order[pos + 1]][j]
            if a == b:
                continue
            nl = pos + 1
            nr = n - nl
            gain = parent - (nl / n) * impurity(left, nl, criterion) - (nr / n) * impurity(right, nr, criterion)
            if gain > best_gain:
                best_feature, best_threshold, best_gain = j, (a + b) / 2, gain
    if best_feature is None:
        return None, None, 0.0
    return best_feature, best_threshold, best_gain


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def _split(self, rows, labels):
        n = len(rows)
        classes = sorted(set(labels))
        total = {c: labels.count(c) for c in classes}
        parent = impurity(list(total.values()), n, self.criterion)
        best = None
        best_gain = 0.0
        m = self.min_samples_leaf
        for j in range(len(rows[0])):
            order = sorted(range(n), key=lambda i: rows[i][j])
            left = dict.fromkeys(classes, 0)
            for pos in range(n - 1):
                left[labels[order[pos]]] += 1
                a, b = rows[order[pos]][j], rows[order[pos + 1]][j]
                nl = pos + 1
                nr = n - nl
                if a == b or nl < m or nr < m:
                    continue
                lc = [left[c] for c in classes]
                rc = [total[c] - left[c] for c in classes]
                gain = parent - (nl / n) * impurity(lc, nl, self.criterion) - (nr / n) * impurity(rc, nr, self.criterion)
                if gain > best_gain:
                    best, best_gain = (j, (a + b) / 2), gain
        return best

    def _build(self, rows, labels, depth):
        counts = {}
        for lab in labels:
            counts[lab] = counts.get(lab, 0) + 1
        top = max(counts.values())
        majority = min(lab for lab, c in counts.items() if c == top)
        if (self.max_depth is not None and depth >= self.max_depth) or len(counts) == 1:
            return {"label": majority}
        split = self._split(rows, labels)
        if split is None:
            return {"label": majority}
        j, t = split
        li = [i for i in range(len(rows)) if rows[i][j] <= t]
        ri = [i for i in range(len(rows)) if rows[i][j] > t]
        return {"feature": j, "threshold": t,
                "left": self._build([rows[i] for i in li], [labels[i] for i in li], depth + 1),
                "right": self._build([rows[i] for i in ri], [labels[i] for i in ri], depth + 1)}

    def fit(self, X, y):
        self.root = self._build([list(map(float, r)) for r in X], [int(v) for v in y], 0)
        return self

    def predict(self, X):
        import numpy as np
        out = []
        for r in X:
            node = self.root
            while "label" not in node:
                node = node["left"] if r[node["feature"]] <= node["threshold"] else node["right"]
            out.append(node["label"])
        return np.array(out, dtype=np.int64)
