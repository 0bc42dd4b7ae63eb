#!/usr/bin/python3
"""The notebook a data scientist would write instead of DriftBoard, as the baseline `driftboard bench --notebook` times.

Reads a demo dataset folder (model_card.md, predictions.csv, chargebacks.csv, training.csv) with pandas, then per ISO week
and per declared feature: scipy's two-sample KS and a numpy PSI on the training deciles (numeric), or a PSI on the category
shares (categorical, boolean); and the recall per week from the chargebacks (flagged positives / positives).
Prints a short summary. Needs pandas and scipy: run it with Debian's /usr/bin/python3.

    /usr/bin/python3 bench/notebook_baseline.py FOLDER
"""
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

FLOOR = 1e-4  # the share floor of DriftBoard's PSI


def read_card(folder):
    text = (folder / "model_card.md").read_text()
    front = text.split("---")[1]
    field = lambda name: re.search(rf"^{name}:\s*(\S+)", front, re.M).group(1)
    features = re.findall(r"-\s*\{name:\s*([^,]+),\s*type:\s*(\w+)", front)
    return {
        "id": field("id_column"),
        "ts": field("timestamp_column"),
        "score": field("score_column"),
        "flagged": field("prediction_column"),
        "features": [(name.strip(), kind) for name, kind in features],
    }


def psi(ref_counts, cur_counts):
    ref = np.maximum(ref_counts / max(ref_counts.sum(), 1), FLOOR)
    cur = np.maximum(cur_counts / max(cur_counts.sum(), 1), FLOOR)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def main(folder):
    folder = Path(folder)
    card = read_card(folder)
    predictions = pd.read_csv(folder / "predictions.csv", parse_dates=[card["ts"]])
    training = pd.read_csv(folder / "training.csv")
    chargebacks = pd.read_csv(folder / "chargebacks.csv")

    predictions["week"] = predictions[card["ts"]].dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time
    predictions["fraud"] = predictions[card["id"]].isin(set(chargebacks[card["id"]]))
    weeks = predictions.groupby("week")

    rows = []
    for name, kind in card["features"]:
        ref = training[name]
        if kind == "numeric":
            ref_values = ref.dropna().to_numpy(dtype=float)
            edges = np.unique(np.quantile(ref_values, np.linspace(0.1, 0.9, 9)))
            ref_counts = np.bincount(np.searchsorted(edges, ref_values, side="left"), minlength=len(edges) + 1)
            for week, group in weeks:
                cur = group[name].dropna().to_numpy(dtype=float)
                cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
                ks = ks_2samp(ref_values, cur)
                rows.append((name, week, psi(ref_counts, cur_counts), ks.statistic, ks.pvalue))
        else:
            ref_shares = ref.astype(str).value_counts()
            for week, group in weeks:
                cur_shares = group[name].astype(str).value_counts()
                cats = ref_shares.index.union(cur_shares.index)
                rows.append((name, week, psi(ref_shares.reindex(cats, fill_value=0).to_numpy(float),
                                             cur_shares.reindex(cats, fill_value=0).to_numpy(float)), np.nan, np.nan))
    drift = pd.DataFrame(rows, columns=["feature", "week", "psi", "ks", "ks_p"])

    positives = predictions[predictions["fraud"]]
    recall = positives.groupby("week")[card["flagged"]].mean()

    worst = drift.sort_values("psi", ascending=False).head(3)
    print(f"{len(predictions):,} predictions, {len(training):,} training rows, {len(card['features'])} features, {len(recall)} weeks")
    print("largest PSI:", ", ".join(f"{r.feature} {r.week:%Y-%m-%d} {r.psi:.2f}" for r in worst.itertuples()))
    print(f"recall per week: min {recall.min():.2f}, max {recall.max():.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
