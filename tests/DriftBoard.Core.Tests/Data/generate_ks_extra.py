"""Extra KS reference values (scipy 1.10.1 / numpy 1.24.2, Debian bookworm's python3-scipy).

Covers branches the shared statistics.json does not reach: equal sample sizes, small asymptotic n (Durbin matrix,
Pomeranz, Smirnov), Pelz-Good, gcd > 1, heavy ties, and kstwo.sf on a grid of (n, x).
Run: /usr/bin/python3 generate_ks_extra.py > ks_extra.json
"""
import json
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261130)


def sample(kind, n, shift=0.0, scale=1.0):
    if kind == "normal":
        x = rng.normal(shift, scale, n)
    elif kind == "ties":
        x = rng.poisson(2.0 + shift, n).astype(float)
    else:
        raise ValueError(kind)
    return [float(v) for v in np.round(x, 3)]


specs = [
    ("equal_50", "normal", 50, 50, 0.3),
    ("equal_300_shift", "normal", 300, 300, 0.25),
    ("equal_1000_same", "normal", 1000, 1000, 0.0),
    ("gcd_60_90", "normal", 60, 90, 0.4),
    ("coprime_7_13", "normal", 7, 13, 1.0),
    ("small_same_30_40", "normal", 30, 40, 0.0),
    ("small_shift_120_150", "normal", 120, 150, 0.5),
    ("mid_200_250", "normal", 200, 250, 0.05),
    ("ties_80_120", "ties", 80, 120, 0.3),
    ("ties_2000_1500", "ties", 2000, 1500, 0.05),
    ("mid_same_700_900", "normal", 700, 900, 0.0),
]
cases = []
for name, kind, n1, n2, shift in specs:
    a = sample(kind, n1)
    b = sample(kind, n2, shift)
    exact = stats.ks_2samp(a, b, method="exact")
    asymp = stats.ks_2samp(a, b, method="asymp")
    cases.append(dict(name=name, reference=a, current=b, ks_statistic=float(exact.statistic),
                      ks_pvalue_exact=float(exact.pvalue), ks_pvalue_asymptotic=float(asymp.pvalue)))

grid = []
for n in [1, 2, 3, 5, 10, 37, 100, 140, 141, 171, 500, 2000, 8571, 100000, 150000]:
    for x in [0.0004, 0.001, 0.003, 0.01, 0.02, 0.035, 0.05, 0.08, 0.12, 0.2, 0.3, 0.45, 0.5, 0.55, 0.7, 0.95]:
        grid.append(dict(n=n, x=x, sf=float(stats.kstwo.sf(x, n))))

print(json.dumps(dict(produced_by=f"scipy {scipy.__version__}, numpy {np.__version__}", two_sample=cases, kstwo_sf=grid)))
