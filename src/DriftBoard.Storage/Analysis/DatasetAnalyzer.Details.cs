using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Storage.Analysis;

// The drill-down objects the report does not carry: computed in Core from the columns they need, on the report's windows.
public sealed partial class DatasetAnalyzer
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DatasetFrame> _referenceColumns = new(StringComparer.Ordinal);

    /// <summary>
    /// One feature in one window (<paramref name="windowStart"/>: the start of one of the report's windows; null for the
    /// window with the largest PSI) against the analysis' reference, with recall by segment against the calibration period.
    /// Loads only that feature's column, and only the days of the window, the reference period and the reference.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such dataset, feature, or window.</exception>
    public async Task<FeatureDetail> FeatureDetailAsync(string datasetId, string feature, DateOnly? windowStart, DiagnosisOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DiagnosisOptions();
        var report = await AnalyzeAsync(datasetId, options, null, cancellationToken);
        var info = store.Find(datasetId) ?? throw new KeyNotFoundException($"no dataset '{datasetId}' in the database");
        var spec = info.Card.Feature(feature) ?? throw new KeyNotFoundException($"dataset '{datasetId}' has no feature '{feature}'");
        var series = report.Drift.FirstOrDefault(s => string.Equals(s.Feature, feature, StringComparison.Ordinal));
        var start = windowStart ?? (series is null ? null : FeatureDetail.DefaultWindow(series)) ?? report.Performance.LastOrDefault()?.Start;
        var performance = report.Performance.FirstOrDefault(w => w.Start == start)
            ?? throw new KeyNotFoundException($"the analysis of '{datasetId}' has no {report.Dataset.Window} window starting {start:yyyy-MM-dd}");
        var window = new TimeWindow(performance.Start, performance.End);
        var period = new TimeWindow(report.Calibration.ReferenceStart, report.Calibration.ReferenceEnd.AddDays(1));

        return await Task.Run(() =>
        {
            string[] columns = [feature];
            var windowFrame = LoadDays(datasetId, columns, window);
            var periodFrame = LoadDays(datasetId, columns, period);
            // The reference column is the same for every window of this feature: loaded once per import and choice.
            var reference = _referenceColumns.GetOrAdd($"{info.Id}|{info.ImportedAt.ToUnixTimeMilliseconds()}|{options.Reference}|{feature}",
                _ => options.Reference.AsWindow() is { } referenceWindow
                    ? LoadDays(datasetId, columns, referenceWindow)
                    : store.LoadTraining(datasetId, columns));
            cancellationToken.ThrowIfCancellationRequested();
            return FeatureDetail.Compute(spec, reference, window, Whole(windowFrame), period, Whole(periodFrame), series);
        }, cancellationToken);
    }

    /// <summary>
    /// Recall, precision and daily alerts over the threshold grid on the report's readable windows from the incident's
    /// start on (the root cause's start, else the recall drop's; all readable windows when neither is known): the same
    /// affected period the fixes are judged on. Loads no feature column.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such dataset.</exception>
    public async Task<ThresholdCurve> ThresholdCurveAsync(string datasetId, DiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        var report = await AnalyzeAsync(datasetId, options, null, cancellationToken);
        var from = report.RootCause.StartDate ?? report.RecallDrop.StartDate;
        var timeline = report.Performance;
        var counted = timeline.Where(w => w.Readable && (from is null || w.End > from.Value)).ToList();
        if (counted.Count == 0)
            return ThresholdCurve.Compute(Empty, [], [], from, report.Dataset.Threshold);

        return await Task.Run(() =>
        {
            var frame = LoadDays(datasetId, [], new TimeWindow(counted[0].Start, counted[^1].End));
            var windows = timeline.Select(w => new TimeWindow(w.Start, w.End)).ToList();
            return ThresholdCurve.Compute(frame, timeline, WindowRows.Ranges(frame.Timestamps, windows), from, report.Dataset.Threshold);
        }, cancellationToken);
    }

    private DatasetFrame LoadDays(string datasetId, IReadOnlyCollection<string> features, TimeWindow days) =>
        store.LoadProduction(datasetId, features, UtcDays.DayIndex(days.StartMs), UtcDays.DayIndex(days.EndExclusiveMs));

    private static RowSample Whole(DatasetFrame frame) => new(frame, new RowRange(0, frame.Count));

    private static readonly DatasetFrame Empty = new()
    {
        Timestamps = [],
        Scores = [],
        Predictions = [],
        Labels = [],
        LabelKnownAt = [],
        Features = new Dictionary<string, FeatureColumn>(),
    };
}
