using DriftBoard.Core.Analysis.Report;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Web.Downloads;

/// <summary>
/// A Jupyter notebook (nbformat 4.5) that recomputes DriftBoard's numbers from the dataset's own files with pandas and
/// scipy: labels with the card's maturity rule, recall per window, and the drift table (PSI on the reference's deciles,
/// two-sample KS). Everything the card says (file names, columns, threshold, as-of, maturity) is written into the first
/// code cell; the dataset folder is the one place the user edits, since the store does not keep the imported folder.
/// </summary>
public static class NotebookBuilder
{
    public static string Build(DatasetInfo dataset, WindowSize window, string? folder = null)
    {
        var card = dataset.Card;
        var cells = new JsonArray
        {
            Markdown($"""
                # {MarkdownText.Inert(dataset.Model)} {MarkdownText.Inert(dataset.Version)}: check DriftBoard's numbers

                This notebook recomputes, from the dataset's own files, what DriftBoard reports for the dataset `{dataset.Id}`:
                the labels known as of {dataset.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC (with the card's label rule), recall per
                {WindowWord(window)}, and the drift of each feature against the training data (PSI on the training data's deciles,
                and the two-sample Kolmogorov-Smirnov test). It needs pandas, numpy and scipy (and pyarrow for Parquet files).

                Set `DATASET_FOLDER` below to the folder you imported; every other setting comes from the model card.
                """),
            Code(Settings(dataset, window, folder)),
            Code(Helpers),
            Markdown("## Predictions and labels"),
            Code(card.Labels is PositiveEventsLabels ? PositiveEventsCell : ExplicitLabelsCell),
            Markdown($"## Recall per {WindowWord(window)}\n\nRecall is true positives over the known positives of each window. A window is provisional while fewer than 90% of its rows are past the maturity horizon (negatives still unknown); DriftBoard's own maturity also weighs how late positive labels arrive, so its provisional marks can differ slightly."),
            Code(RecallCell),
            Markdown("## Drift against the training data\n\nNumeric features: PSI on the training deciles (numpy's linear quantiles, duplicate edges dropped, bins closed on the right, shares floored at 1e-4) and `scipy.stats.ks_2samp`. Categorical and boolean features: PSI over the categories."),
            Code(DriftCell),
            Markdown("## Compare with DriftBoard's report\n\nDownload `report.json` from the dataset's page into the dataset folder and run this cell."),
            Code(CompareCell),
        };
        for (var i = 0; i < cells.Count; i++) cells[i]!["id"] = $"cell-{i + 1}";
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" },
                ["language_info"] = new JsonObject { ["name"] = "python" },
            },
            ["cells"] = cells,
        };
        return notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string WindowWord(WindowSize window) => window switch
    {
        WindowSize.Day => "day",
        WindowSize.Month => "month",
        _ => "week",
    };

    private static string Settings(DatasetInfo dataset, WindowSize window, string? folder)
    {
        var card = dataset.Card;
        var c = CultureInfo.InvariantCulture;
        var labels = card.Labels;
        var features = string.Join(",\n", card.Features.Select(f => $"    {Py(f.Name)}: {Py(f.Type.ToString().ToLowerInvariant())}"));
        return string.Create(c, $$"""
            from pathlib import Path

            # The folder you imported (the one holding {{card.PredictionsFile}}); edit this line.
            DATASET_FOLDER = Path({{Py(folder ?? "path/to/the/dataset/folder")}})

            PREDICTIONS_FILE = {{Py(card.PredictionsFile)}}
            ID_COLUMN = {{Py(card.IdColumn)}}
            TIMESTAMP_COLUMN = {{Py(card.TimestampColumn)}}
            SCORE_COLUMN = {{Py(card.ScoreColumn)}}
            PREDICTION_COLUMN = {{PyOrNone(card.PredictionColumn)}}  # None: flagged means score >= THRESHOLD
            THRESHOLD = {{card.Threshold.ToString("R", c)}}
            POSITIVE_LABEL = {{Py(card.PositiveLabel)}}

            LABELS_FILE = {{Py(labels.File)}}
            LABEL_ID_COLUMN = {{Py(labels.IdColumn)}}
            LABEL_TIMESTAMP_COLUMN = {{PyOrNone(labels switch { PositiveEventsLabels p => p.TimestampColumn, ExplicitLabels e => e.TimestampColumn, _ => null })}}
            LABEL_COLUMN = {{PyOrNone((labels as ExplicitLabels)?.LabelColumn)}}
            MATURITY_DAYS = {{((labels as PositiveEventsLabels)?.MaturityDays is { } days ? days.ToString(c) : "None")}}
            AS_OF = {{Py(dataset.AsOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", c))}}

            TRAINING_FILE = {{Py(card.Training.File)}}
            TRAINING_LABEL_COLUMN = {{Py(card.Training.LabelColumn)}}

            WINDOW = {{Py(window.ToString().ToLowerInvariant())}}  # day, week (ISO, Monday) or month
            FEATURES = {
            {{features}},
            }
            """);
    }

    private const string Helpers = """
        import numpy as np
        import pandas as pd
        from scipy.stats import ks_2samp

        AS_OF_TS = pd.Timestamp(AS_OF)

        def read_table(name):
            path = DATASET_FOLDER / name
            lower = path.name.lower()
            if lower.endswith(".parquet"):
                return pd.read_parquet(path)
            if lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
                return pd.read_json(path, lines=True)
            return pd.read_csv(path, low_memory=False)

        def to_utc(values):
            if pd.api.types.is_numeric_dtype(values):
                unit = "ms" if values.abs().max() > 1e11 else "s"
                return pd.to_datetime(values, unit=unit, utc=True)
            return pd.to_datetime(values, utc=True)

        def as_label(values):
            # DriftBoard's rule: the positive label (any case), else true/false, else a number (non-zero = positive); blank = unknown.
            text = values.astype("string").str.strip()
            lower = text.str.lower()
            number = pd.to_numeric(text, errors="coerce")
            label = np.where(lower == POSITIVE_LABEL.strip().lower(), 1,
                    np.where(lower.isin(["true", "yes", "t", "y"]), 1,
                    np.where(lower.isin(["false", "no", "f", "n"]), 0,
                    np.where(number.notna(), (number != 0).astype(int), 0))))
            return pd.Series(np.where(text.isna() | (text == ""), -1, label), index=values.index)

        def window_start(ts):
            day = ts.dt.floor("D")
            if WINDOW == "day":
                return day
            if WINDOW == "month":
                return day - pd.to_timedelta(day.dt.day - 1, unit="D")
            return day - pd.to_timedelta(day.dt.weekday, unit="D")

        def psi(reference_counts, current_counts, floor=1e-4):
            r = np.asarray(reference_counts, dtype=float)
            c = np.asarray(current_counts, dtype=float)
            if r.sum() == 0 or c.sum() == 0:
                return float("nan")
            r = np.maximum(r / r.sum(), floor)
            c = np.maximum(c / c.sum(), floor)
            return float(((c - r) * np.log(c / r)).sum())

        def decile_edges(reference, bins=10):
            edges = []
            for q in np.quantile(reference, np.arange(1, bins) / bins):
                if not edges or q > edges[-1]:
                    edges.append(q)
            return np.array(edges)

        def histogram(values, edges):
            # Bin i holds edges[i-1] < v <= edges[i], as in DriftBoard.
            return np.bincount(np.searchsorted(edges, values, side="left"), minlength=len(edges) + 1)
        """;

    private const string PositiveEventsCell = """
        pred = read_table(PREDICTIONS_FILE)
        pred["ts"] = to_utc(pred[TIMESTAMP_COLUMN])
        pred["score"] = pd.to_numeric(pred[SCORE_COLUMN], errors="coerce")
        pred["flagged"] = (as_label(pred[PREDICTION_COLUMN]) == 1) if PREDICTION_COLUMN else (pred["score"] >= THRESHOLD)
        pred = pred.sort_values("ts", kind="stable")

        # Positive-events feed: a listed id is positive once its event is known (at or before as-of);
        # an unlisted id is negative once it is MATURITY_DAYS old at as-of, unknown before.
        events = read_table(LABELS_FILE)
        events["known_at"] = to_utc(events[LABEL_TIMESTAMP_COLUMN])
        events = events[events["known_at"] <= AS_OF_TS]
        first_known = events.groupby(events[LABEL_ID_COLUMN].astype(str))["known_at"].min()
        known_at = pred[ID_COLUMN].astype(str).map(first_known)
        matured = pred["ts"] + pd.Timedelta(days=MATURITY_DAYS) <= AS_OF_TS
        pred["label"] = np.where(known_at.notna(), 1, np.where(matured, 0, -1))
        pred["past_maturity"] = matured
        pred["label"].value_counts().rename(index={1: "positive", 0: "negative", -1: "unknown"})
        """;

    private const string ExplicitLabelsCell = """
        pred = read_table(PREDICTIONS_FILE)
        pred["ts"] = to_utc(pred[TIMESTAMP_COLUMN])
        pred["score"] = pd.to_numeric(pred[SCORE_COLUMN], errors="coerce")
        pred["flagged"] = (as_label(pred[PREDICTION_COLUMN]) == 1) if PREDICTION_COLUMN else (pred["score"] >= THRESHOLD)
        pred = pred.sort_values("ts", kind="stable")

        # Explicit labels: known at the label's timestamp when the card names one (unknown if after as-of).
        labels = read_table(LABELS_FILE)
        labels["value"] = as_label(labels[LABEL_COLUMN])
        if LABEL_TIMESTAMP_COLUMN:
            labels.loc[to_utc(labels[LABEL_TIMESTAMP_COLUMN]) > AS_OF_TS, "value"] = -1
        labels["id"] = labels[LABEL_ID_COLUMN].astype(str)
        by_id = labels.drop_duplicates("id", keep="last").set_index("id")["value"]
        pred["label"] = pred[ID_COLUMN].astype(str).map(by_id).fillna(-1).astype(int)
        pred["past_maturity"] = True
        pred["label"].value_counts().rename(index={1: "positive", 0: "negative", -1: "unknown"})
        """;

    private const string RecallCell = """
        pred["window"] = window_start(pred["ts"])
        positives = pred[pred["label"] == 1]
        recall = pd.DataFrame({
            "rows": pred.groupby("window").size(),
            "labelled": pred[pred["label"] >= 0].groupby("window").size(),
            "positives": positives.groupby("window").size(),
            "true_positives": positives.groupby("window")["flagged"].sum(),
            "past_maturity_share": pred.groupby("window")["past_maturity"].mean(),
        }).fillna(0)
        recall["recall"] = recall["true_positives"] / recall["positives"].where(recall["positives"] > 0)
        recall["provisional"] = recall["past_maturity_share"] < 0.9
        recall
        """;

    private const string DriftCell = """
        train = read_table(TRAINING_FILE)
        rows = []
        for feature, kind in FEATURES.items():
            if feature not in train.columns or feature not in pred.columns:
                continue
            if kind == "numeric":
                reference = pd.to_numeric(train[feature], errors="coerce").dropna().to_numpy()
                edges = decile_edges(reference)
                reference_counts = histogram(reference, edges)
            else:
                reference_values = train[feature].dropna().astype(str)
            for window, group in pred.groupby("window"):
                row = {"feature": feature, "window": window.date(), "rows": len(group)}
                if kind == "numeric":
                    current = pd.to_numeric(group[feature], errors="coerce").dropna().to_numpy()
                    row["missing_rate"] = 1 - len(current) / len(group)
                    row["psi"] = psi(reference_counts, histogram(current, edges))
                    if len(current) > 0 and len(reference) > 0:
                        ks = ks_2samp(reference, current)
                        row["ks"], row["ks_p_value"] = ks.statistic, ks.pvalue
                else:
                    current = group[feature].dropna().astype(str)
                    categories = sorted(set(reference_values.unique()) | set(current.unique()))
                    row["missing_rate"] = 1 - len(current) / len(group)
                    row["psi"] = psi(reference_values.value_counts().reindex(categories, fill_value=0),
                                     current.value_counts().reindex(categories, fill_value=0))
                rows.append(row)
        drift = pd.DataFrame(rows)
        drift.pivot(index="feature", columns="window", values="psi").round(3)
        """;

    private const string CompareCell = """
        import json
        report_path = DATASET_FOLDER / "report.json"
        if report_path.exists():
            report = json.loads(report_path.read_text())
            theirs = pd.DataFrame(report["performance"]).assign(window=lambda d: pd.to_datetime(d["start"], utc=True)).set_index("window")
            comparison = recall[["positives", "true_positives", "recall"]].join(theirs[["positives", "truePositives", "recall"]], rsuffix="_driftboard")
            print(comparison)
        else:
            print(f"no {report_path}: download report.json from DriftBoard first")
        """;

    private static JsonObject Markdown(string text) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = Lines(text),
    };

    private static JsonObject Code(string text) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["source"] = Lines(text),
    };

    /// <summary>nbformat stores a cell's source as lines, each but the last ending in a newline.</summary>
    private static JsonArray Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var array = new JsonArray();
        for (var i = 0; i < lines.Length; i++) array.Add(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
        return array;
    }

    /// <summary>A Python string literal: JSON string syntax is valid Python (escapes included).</summary>
    private static string Py(string value) => JsonSerializer.Serialize(value);

    private static string PyOrNone(string? value) => value is null ? "None" : Py(value);
}
