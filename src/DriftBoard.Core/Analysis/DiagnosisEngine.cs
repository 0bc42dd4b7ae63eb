using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Monitors;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.RootCauses;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis;

/// <summary>What one analysis reads: the dataset's card, its production log and its training data, column-wise.</summary>
public sealed record DiagnosisInput(string DatasetId, ModelCard Card, DateTimeOffset AsOf, DatasetFrame Production, DatasetFrame Training)
{
    /// <summary>
    /// Per-day feature counts against this analysis' reference (the card's features profiled on the training data, or on
    /// the reference period), e.g. from a store's <see cref="IWindowAggregateSource"/> and cached across window sizes.
    /// Null: the engine counts <see cref="Production"/> itself.
    /// </summary>
    public FeatureAggregates? Aggregates { get; init; }

    /// <summary>
    /// The whole log's outcomes per day. When given, <see cref="Production"/> may be a row sample (<see cref="RowSampling"/>):
    /// the row counts, recall, precision and alert rate of every window and the dataset's row counts come from these
    /// counts, and only the row-level steps (label maturity, AUCs, the label-free estimate, score and positives-only drift,
    /// surrogate, root-cause segments, fixes, monitor replay) read the sample. Null: <see cref="Production"/> is the whole log.
    /// </summary>
    public IReadOnlyList<DayCounts<OutcomeCounts>>? Outcomes { get; init; }
}

/// <summary>
/// Runs the whole diagnosis once, in order, each piece computed once and handed on: performance over time (with label
/// maturity), the label-free estimate, the recall drop, the drift table, the surrogate and its attribution, the root
/// cause, the fixes and the monitor replay. Deterministic: every resampling is seeded, so the same input gives the same report.
/// </summary>
public static class DiagnosisEngine
{
    public static AnalysisReport Analyze(DiagnosisInput input, DiagnosisOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new DiagnosisOptions();
        var production = input.Production;
        var card = input.Card;
        if (production.Count == 0)
            throw new ArgumentException($"dataset '{input.DatasetId}' has no production rows to analyse", nameof(input));

        var notes = new List<string>();
        var windows = WindowPlanner.Plan(production.Timestamps[0], production.Timestamps[^1], options.Window);
        var ranges = WindowRows.Ranges(production.Timestamps, windows);
        var referenceWindow = options.Reference.AsWindow();
        var context = AnalysisContext.For(card, input.AsOf, referenceWindow, options.Performance);
        var featureReference = FeatureReference(input, referenceWindow, notes);

        Step(progress, cancellationToken, "performance over time");
        var outcomes = input.Outcomes;
        var timeline = PerformanceTimeline.Compute(production, windows, context,
            outcomes is null ? null : window => DayCounts.Confusion(outcomes, window));
        var estimated = EstimatedPerformance.Compute(production, windows, context);
        var calibrationRows = WindowRows.Ranges(production.Timestamps, [estimated.Reference])[0];
        var calibration = new CalibrationReport(estimated.Reference.Start, estimated.Reference.LastDay,
            estimated.Calibration.FittedRows, estimated.Calibration.FittedPositives,
            estimated.Calibration.ExpectedCalibrationError(
                production.Scores.AsSpan(calibrationRows.Start, calibrationRows.Length),
                production.Labels.AsSpan(calibrationRows.Start, calibrationRows.Length)));
        var drop = RecallDrop.Detect(timeline, options.Performance);

        Step(progress, cancellationToken, "drift per feature");
        var aggregates = input.Aggregates ?? FeatureAggregates.Load(new FrameAggregateSource(production), input.DatasetId,
            DriftTable.Profiles(featureReference, card.Features), cancellationToken: cancellationToken);
        var profiles = aggregates.Profiles;
        var table = DriftTable.FromAggregates(aggregates, windows, options.Drift);
        var drift = DriftSeriesBuilder.Build(card, featureReference, production, windows, ranges, profiles, table, calibrationRows, timeline, options.Drift);

        Step(progress, cancellationToken, "surrogate model");
        var changeRow = drop.StartDate is { } dropStart ? RowAtOrAfter(production, dropStart) : production.Count;
        var surrogate = FitSurrogate(production, changeRow, card.Threshold, notes);
        var attribution = surrogate is not null && drop.Detected && changeRow < production.Count
            ? FeatureAttribution.Compute(surrogate, production, RowSets.Range(changeRow, production.Count - changeRow),
                featureReference, RowSets.Range(0, featureReference.Count), options.Fixes.Seed)
            : [];

        Step(progress, cancellationToken, "root cause");
        var cause = RootCauseClassifier.Classify(new RootCauseInputs(
            production, featureReference, card, context, timeline, drop, table, attribution,
            referenceWindow is null ? options.RootCause : options.RootCause with { ReferenceName = $"the reference period {options.Reference}" }));

        Step(progress, cancellationToken, "fixes");
        var incidentStart = cause.StartDate ?? drop.StartDate;
        var scope = FixPlanner.Scope(production, timeline, ranges, incidentStart, drop);
        var fixes = FixPlanner.Plan(featureReference, card, cause, scope, surrogate, options.Fixes);
        if (scope.PresumedNegatives > 0)
            notes.Add($"Fixes are judged on {scope.AffectedRows.Length:N0} rows of windows whose positive labels have arrived; " +
                      $"{scope.PresumedNegatives:N0} rows without a positive label there are presumed negative (the feed confirms negatives only after its maturity period).");
        if (fixes.Count == 0)
            notes.Add("No fix could be quantified: the affected period has no matured labels yet.");

        Step(progress, cancellationToken, "monitor replay");
        var backtest = MonitorBacktest.Run(production, featureReference, context, incidentStart, options.Monitors, card.Features,
            drop.Detected ? drop.Baseline : null);

        var whole = outcomes is null ? (Rows: production.Count, Labelled: CountLabelled(production)) : Totals(outcomes);
        if (whole.Rows > production.Count)
            notes.Add($"Counts, rates and drift statistics use all {whole.Rows:N0} rows; the surrogate model, root-cause segments, fixes, " +
                      $"monitor replay, score drift and AUCs use a uniform sample of {production.Count:N0} rows (at most a fixed number per day).");
        var dataset = new DatasetSection(
            input.DatasetId, card.Model, card.Version, whole.Rows, whole.Labelled, input.Training.Count,
            DateTimeOffset.FromUnixTimeMilliseconds(production.Timestamps[0]),
            DateTimeOffset.FromUnixTimeMilliseconds(production.Timestamps[^1]),
            input.AsOf, options.Window.ToString().ToLowerInvariant(), options.Reference.ToString(), card.Threshold);
        if (!double.IsNaN(aggregates.LargestKsErrorBound))
            notes.Add($"KS statistics are read from per-day counts on a grid of {NumericBinning.DefaultGridCells:N0} reference-quantile cells: " +
                      $"each lies at most {aggregates.LargestKsErrorBound:0.####} below the exact statistic.");
        notes.Add("Severity is decided by effect size (PSI 0.1 moderate, 0.25 major; new or vanished categories; missing-rate jumps), " +
                  "not by p-values: on large windows every p-value is tiny. P-values are reported as support.");
        return new AnalysisReport(AnalysisReport.CurrentSchemaVersion, dataset, timeline, estimated.Windows, calibration,
            RecallDropReport.From(drop), drift, cause, fixes, surrogate?.Fidelity, backtest.Monitors, backtest.Detection, notes);
    }

    private static DatasetFrame FeatureReference(DiagnosisInput input, TimeWindow? referenceWindow, List<string> notes)
    {
        var reference = ReferenceFrame(input, referenceWindow);
        if (referenceWindow is not null)
            notes.Add($"Drift is measured against production from {referenceWindow.Start:yyyy-MM-dd} to {referenceWindow.LastDay:yyyy-MM-dd} ({reference.Count:N0} rows), not the training data.");
        return reference;
    }

    /// <summary>
    /// The rows drift is measured against: the training data, or the production rows of the reference period (of
    /// <see cref="DiagnosisInput.Production"/>, so of the sample when that is one). What a caller profiles to build
    /// <see cref="DiagnosisInput.Aggregates"/> for the same choice.
    /// </summary>
    /// <exception cref="ArgumentException">No training rows for a training reference, or no production rows in the period.</exception>
    public static DatasetFrame ReferenceFrame(DiagnosisInput input, TimeWindow? referenceWindow)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (referenceWindow is null)
        {
            if (input.Training.Count == 0)
                throw new ArgumentException($"dataset '{input.DatasetId}' has no training rows; choose a production period as reference (--reference FROM..TO)");
            return input.Training;
        }

        var range = WindowRows.Ranges(input.Production.Timestamps, [referenceWindow])[0];
        if (range.Length == 0)
            throw new ArgumentException($"the reference period {referenceWindow.Start:yyyy-MM-dd}..{referenceWindow.LastDay:yyyy-MM-dd} holds no production rows");
        return FrameRows.Slice(input.Production, range);
    }

    private static SurrogateModel? FitSurrogate(DatasetFrame production, int changeRow, double threshold, List<string> notes)
    {
        var healthy = RowSets.Scored(production, RowSets.Range(0, changeRow));
        if (healthy.Length < SurrogateModel.MinimumRows)
        {
            notes.Add("Too few healthy scored rows to fit a surrogate of the model: fixes that re-score inputs are not quantified.");
            return null;
        }

        return SurrogateModel.Fit(production, healthy, threshold);
    }

    /// <summary>The first row on or after <paramref name="day"/>: rows are ordered by day (not by time within a day).</summary>
    private static int RowAtOrAfter(DatasetFrame frame, DateOnly day)
    {
        var target = UtcDays.DayIndex(UtcDays.ToUnixMs(day));
        int low = 0, high = frame.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (UtcDays.DayIndex(frame.Timestamps[mid]) < target) low = mid + 1;
            else high = mid;
        }

        return low;
    }

    private static (int Rows, long Labelled) Totals(IReadOnlyList<DayCounts<OutcomeCounts>> days)
    {
        long rows = 0, labelled = 0;
        foreach (var day in days)
        {
            rows += day.Counts.TotalRows;
            labelled += day.Counts.TotalLabelled;
        }

        return (checked((int)rows), labelled);
    }

    private static long CountLabelled(DatasetFrame frame)
    {
        long n = 0;
        foreach (var label in frame.Labels) if (label != LabelValue.Unknown) n++;
        return n;
    }

    private static void Step(IProgress<string>? progress, CancellationToken cancellationToken, string stage)
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(stage);
    }
}
