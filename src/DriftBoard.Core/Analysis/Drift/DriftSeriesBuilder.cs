using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>
/// Builds the report's <c>drift[]</c>: one series per card feature (with drift among labelled positives), one for the
/// model's score and one for the label rate. The reference for features is the chosen reference frame (the training
/// data by default); the score has no training-time reference (training data carries no scores), so its reference is
/// the production reference period used for calibration.
/// </summary>
public static class DriftSeriesBuilder
{
    /// <summary>Positives are few: a window is judged on them from this many labelled positives on.</summary>
    public const int MinimumPositives = 30;

    public const string ScoreSeries = "score";
    public const string LabelRateSeries = "label_rate";

    /// <param name="profiles">The features' reference profiles (<see cref="DriftTable.Profiles"/>).</param>
    /// <param name="table">The drift table of those profiles over the windows (<see cref="DriftTable.Compute"/>).</param>
    public static IReadOnlyList<FeatureDriftSeries> Build(
        ModelCard card,
        DatasetFrame reference,
        DatasetFrame production,
        IReadOnlyList<TimeWindow> windows,
        IReadOnlyList<RowRange> ranges,
        IReadOnlyList<ReferenceProfile> profiles,
        IReadOnlyList<WindowFeatureDrift> table,
        RowRange scoreReference,
        IReadOnlyList<WindowPerformance> performance,
        DriftThresholds thresholds)
    {
        var series = new List<FeatureDriftSeries>();

        // Positives only: the reference's positives against each window's labelled positives.
        var referencePositives = FrameRows.Select(reference, FrameRows.WithLabel(reference, new RowRange(0, reference.Count), LabelValue.Positive));
        var positiveProfiles = referencePositives.Count > 0
            ? DriftTable.Profiles(referencePositives, card.Features).ToDictionary(p => p.Feature, StringComparer.Ordinal)
            : [];
        var positiveThresholds = thresholds with { MinimumRows = MinimumPositives };
        var windowPositives = new DatasetFrame?[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var rows = FrameRows.WithLabel(production, ranges[w], LabelValue.Positive);
            windowPositives[w] = rows.Length > 0 ? FrameRows.Select(production, rows) : null;
        }

        var byFeature = table.GroupBy(cell => cell.Statistics.Feature).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            if (!byFeature.TryGetValue(profile.Feature, out var cells)) continue;
            var reports = new DriftWindowReport[cells.Length];
            for (var w = 0; w < cells.Length; w++)
            {
                PositivesDrift? positives = null;
                if (windowPositives[w] is { } frame && positiveProfiles.TryGetValue(profile.Feature, out var positiveProfile)
                    && frame.Features.TryGetValue(profile.Feature, out var column))
                {
                    var s = FeatureDrift.Compute(positiveProfile, column with { Spec = profile.Spec }, positiveThresholds);
                    positives = new PositivesDrift(s.Rows, s.TooSmall, DriftWindowReport.SeverityName(s.Severity), s.Psi, s.Ks, s.KsPValue,
                        s.ChiSquarePValue, s.JensenShannon);
                }

                reports[w] = DriftWindowReport.From(cells[w].Window.Start, cells[w].Window.EndExclusive, cells[w].Statistics, positives);
            }

            series.Add(new FeatureDriftSeries(profile.Feature, TypeName(profile.Type), reports));
        }

        series.Add(ScoreDrift(production, windows, ranges, scoreReference, thresholds));
        series.Add(LabelRateDrift(reference, windows, performance, thresholds));
        return series;
    }

    private static FeatureDriftSeries ScoreDrift(
        DatasetFrame production, IReadOnlyList<TimeWindow> windows, IReadOnlyList<RowRange> ranges, RowRange scoreReference, DriftThresholds thresholds)
    {
        var spec = new FeatureSpec(ScoreSeries, FeatureType.Numeric, "the model's score", 0, 1);
        var profile = ReferenceProfile.ForNumeric(spec, production.Scores.AsSpan(scoreReference.Start, scoreReference.Length));
        var reports = new DriftWindowReport[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var s = FeatureDrift.Numeric(profile, production.Scores.AsSpan(ranges[w].Start, ranges[w].Length), thresholds);
            reports[w] = DriftWindowReport.From(windows[w].Start, windows[w].EndExclusive, s, null);
        }

        return new FeatureDriftSeries(ScoreSeries, DriftSeriesType.Score, reports);
    }

    /// <summary>
    /// The label distribution per window (negatives, positives) against the reference's. The positive rate is positives over
    /// all the window's rows, judged only where the window's positive labels have arrived (not provisional): a positive-events
    /// feed confirms negatives only after its maturity period, so counting only confirmed negatives would inflate the rate,
    /// and in an immature window the positives that have arrived are not yet its positive rate. Windows not judged carry
    /// their provisional rate but no statistic, so label delay is never read as label shift.
    /// </summary>
    private static FeatureDriftSeries LabelRateDrift(
        DatasetFrame reference, IReadOnlyList<TimeWindow> windows, IReadOnlyList<WindowPerformance> performance, DriftThresholds thresholds)
    {
        long referencePositives = 0, referenceNegatives = 0;
        foreach (var label in reference.Labels)
        {
            if (label == LabelValue.Positive) referencePositives++;
            else if (label == LabelValue.Negative) referenceNegatives++;
        }

        long[] referenceCounts = [referenceNegatives, referencePositives];
        var reports = new DriftWindowReport[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var p = performance[w];
            long[] counts = [p.Rows - p.Positives, p.Positives];
            var judged = !p.Provisional && p.Rows >= thresholds.MinimumRows && referencePositives + referenceNegatives > 0;
            double? psi = null, chi = null, chiP = null, js = null;
            var severity = DriftSeverity.None;
            if (judged)
            {
                psi = PopulationStabilityIndex.FromCounts(referenceCounts, counts);
                var chiResult = ChiSquare.TwoByK(referenceCounts, counts);
                chi = chiResult.Statistic;
                chiP = chiResult.PValue;
                js = JensenShannon.Distance(referenceCounts, counts);
                severity = psi >= thresholds.MajorPsi ? DriftSeverity.Major : psi >= thresholds.ModeratePsi ? DriftSeverity.Moderate : DriftSeverity.None;
            }

            var rate = p.Rows > 0 ? (double)p.Positives / p.Rows : 0;
            reports[w] = new DriftWindowReport(windows[w].Start, windows[w].EndExclusive, p.Rows, !judged, DriftWindowReport.SeverityName(severity),
                psi, null, null, chi, chiP, js, null, 1 - (p.Rows > 0 ? (double)p.Labelled / p.Rows : 0), null, [], [], null, rate);
        }

        return new FeatureDriftSeries(LabelRateSeries, DriftSeriesType.Label, reports);
    }

    private static string TypeName(FeatureType type) => type switch
    {
        FeatureType.Numeric => DriftSeriesType.Numeric,
        FeatureType.Categorical => DriftSeriesType.Categorical,
        _ => DriftSeriesType.Boolean,
    };
}
