using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// Gathers the evidence the classifier weighs, once, from the inputs and the frames' column arrays: per-feature daily
/// profiles and their pipeline anomalies, the change day of the drop, per-feature input shifts with segment recall and
/// class-conditional drift, the positives' scores, and the positive rate against what the scores expect.
/// </summary>
internal sealed class Investigation
{
    public Investigation(RootCauseInputs inputs)
    {
        Inputs = inputs;
        Settings = inputs.Settings;
        Frame = inputs.Production;
        Days = ProductionDays.Create(Frame, inputs.Timeline);
        MatureEnd = Days.MatureEnd;
        var present = new List<(string Name, FeatureColumn Column)>();
        foreach (var spec in inputs.Card.Features)
        {
            if (Frame.Features.TryGetValue(spec.Name, out var column) && column.Length == Frame.Count && !Columns.ContainsKey(spec.Name))
            {
                present.Add((spec.Name, column));
                Columns[spec.Name] = column;
            }
        }

        // Features are independent: profile and fit them in parallel, then keep the card's order.
        var built = new (FeatureProfile Profile, FeatureAnomaly? Anomaly, RampStepFit Drift)[present.Count];
        Parallel.For(0, present.Count, f =>
        {
            var (name, column) = present[f];
            inputs.Reference.Features.TryGetValue(name, out var referenceColumn);
            var profile = FeatureProfile.Build(name, column, referenceColumn, Days, Settings.FallbackReferenceDays, Settings.MinRowsPerDay);
            built[f] = (profile, FeatureAnomalies.Strongest(profile, column, Days, Settings), RampStep.Fit(profile.Psi, Settings.MaxRampDays));
        });
        foreach (var (profile, anomaly, drift) in built)
        {
            Profiles.Add(profile);
            Anomalies[profile.Name] = anomaly;
            DriftChanges[profile.Name] = drift;
        }

        Degradation = DegradationOf(inputs.RecallDrop, inputs.Context.Settings);
        Split = ChooseSplit();
        foreach (var profile in Profiles)
        {
            Shifts[profile.Name] = ShiftAt(profile, Split);
        }

        Scores = ScoresAt(Split);
        PositiveRate = PositiveRateShiftOf();
    }

    public RootCauseInputs Inputs { get; }

    public RootCauseSettings Settings { get; }

    public DatasetFrame Frame { get; }

    public ProductionDays Days { get; }

    public int MatureEnd { get; }

    public List<FeatureProfile> Profiles { get; } = [];

    public Dictionary<string, FeatureColumn> Columns { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FeatureAnomaly?> Anomalies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RampStepFit> DriftChanges { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FeatureShift> Shifts { get; } = new(StringComparer.Ordinal);

    /// <summary>How clearly recall degraded on mature windows, in [0, 1]: 0 without a material, significant drop.</summary>
    public double Degradation { get; }

    /// <summary>The day index splitting before from after for the input and score comparisons.</summary>
    public int Split { get; }

    public ScoreShift? Scores { get; }

    public PositiveRateShift? PositiveRate { get; }

    public RecallDropResult Drop => Inputs.RecallDrop;

    /// <summary>
    /// From the drift table, when given: the largest window PSI of <paramref name="feature"/> from the split day on, and
    /// how many of those windows were flagged (moderate or major) out of how many. NaN and zeros without a table.
    /// </summary>
    public (double MaxPsi, int Flagged, int Windows) WindowDrift(string feature)
    {
        var from = Days.Date(Split);
        var maxPsi = double.NaN;
        int flagged = 0, windows = 0;
        foreach (var cell in Inputs.Drift ?? [])
        {
            if (cell.Statistics.Feature != feature || cell.Window.Start < from)
            {
                continue;
            }

            windows++;
            flagged += cell.Statistics.Severity != DriftSeverity.None ? 1 : 0;
            if (cell.Statistics.Psi is { } psi && !(psi <= maxPsi))
            {
                maxPsi = psi;
            }
        }

        return (maxPsi, flagged, windows);
    }

    /// <summary>Days per timeline window at the drop (7 for weekly windows), 7 when unknown.</summary>
    public int WindowDays
    {
        get
        {
            foreach (var window in Inputs.Timeline)
            {
                if (Drop.StartDate is { } start && window.Start == start)
                {
                    return Math.Max(1, window.End.DayNumber - window.Start.DayNumber);
                }
            }

            return Inputs.Timeline.Count > 0 ? Math.Max(1, Inputs.Timeline[0].End.DayNumber - Inputs.Timeline[0].Start.DayNumber) : 7;
        }
    }

    /// <summary>
    /// How clearly recall degraded, in [0, 1]. For a detected drop (significant and material): its size, from 0 at half
    /// the material drop to 1 at two and a half times it, weighted by its significance (p = 0.05 counts half, p = 0.001
    /// fully), and at least 0.3. A material drop that is only suggestive (p &lt; 0.05) gives 0.2; no drop gives 0.
    /// A marginal, barely significant drop thus weighs little against "none" unless a cause explains it.
    /// </summary>
    private static double DegradationOf(RecallDropResult drop, PerformanceSettings settings)
    {
        var material = settings.MaterialRecallDrop;
        if (drop.Detected)
        {
            var size = Math.Clamp((drop.Drop - (0.5 * material)) / (2 * material), 0, 1);
            var significance = Math.Clamp((-Math.Log10(Math.Max(drop.Significance, 1e-12)) - 1.3) / 1.7, 0, 1);
            return Math.Max(0.3, size * (0.5 + (0.5 * significance)));
        }

        return drop.StartDate is not null && drop.Drop >= material && drop.Significance < 0.05 ? 0.2 : 0;
    }

    private int ChooseSplit()
    {
        var split = -1;
        if (Drop.StartDate is { } start && Degradation > 0)
        {
            split = Days.IndexOf(start);
        }
        else
        {
            // No drop: compare across the clearest input change, if any, to say what moved.
            var best = 0.0;
            foreach (var (_, fit) in DriftChanges)
            {
                var clarity = fit.SignalToNoise(0.002);
                if (fit.Found && fit.Jump > 0 && clarity >= 3 && fit.Jump > best)
                {
                    best = fit.Jump;
                    split = fit.Start;
                }
            }
        }

        if (split < 0)
        {
            split = Days.Count / 2;
        }

        return Math.Clamp(split, 1, Math.Max(1, Days.Count - 1));
    }

    /// <summary>The input shift of one feature across <paramref name="split"/>.</summary>
    public FeatureShift ShiftAt(FeatureProfile profile, int split)
    {
        var bins = profile.BinCount;
        var before = FeatureAnomalies.Sum(profile.DayCounts, 0, split, bins);
        var after = FeatureAnomalies.Sum(profile.DayCounts, split, Days.Count, bins);
        var psi = FrameSegments.ExcessPsi(before, after);
        var (psiPositives, psiNonPositives) = ClassConditional(profile, split);

        long totalBefore = 0, totalAfter = 0;
        for (var b = 0; b < bins; b++)
        {
            totalBefore += before[b];
            totalAfter += after[b];
        }

        // The moved population: bins that grew by a quarter and at least a point.
        var inside = new bool[bins];
        var region = new List<string>();
        double shareBefore = 0, shareAfter = 0;
        for (var b = 0; b < bins && totalBefore > 0 && totalAfter > 0; b++)
        {
            var sb = (double)before[b] / totalBefore;
            var sa = (double)after[b] / totalAfter;
            if (sa > (1.25 * sb) + 0.01)
            {
                inside[b] = true;
                region.Add(profile.BinLabels[b]);
                shareBefore += sb;
                shareAfter += sa;
            }
        }

        SegmentRecall? segment = null;
        var explained = double.NaN;
        if (region.Count > 0 && split < MatureEnd)
        {
            segment = FrameSegments.Recall(profile.RowBin, inside, Frame, 0, Days.RowAt(split), Days.RowAt(MatureEnd));
            explained = segment.Explained(Settings.MinSegmentPositives);
        }

        return new FeatureShift(profile.Name, psi, psiPositives, psiNonPositives, region, shareBefore, shareAfter, segment, explained,
            RecoveredShare(profile.Name), DriftChanges[profile.Name]);
    }

    /// <summary>Excess PSI among positives and among non-positives, mature days before against mature days after the split.</summary>
    public (double Positives, double NonPositives) ClassConditional(FeatureProfile profile, int split)
    {
        if (split >= MatureEnd)
        {
            return (double.NaN, double.NaN);
        }

        var middle = Days.RowAt(split);
        var end = Days.RowAt(MatureEnd);
        var labels = Frame.Labels;
        var positives = FrameSegments.ExcessPsi(
            FrameSegments.BinCounts(profile.RowBin, profile.BinCount, labels, 0, middle, RowClass.Positives),
            FrameSegments.BinCounts(profile.RowBin, profile.BinCount, labels, middle, end, RowClass.Positives));
        var others = FrameSegments.ExcessPsi(
            FrameSegments.BinCounts(profile.RowBin, profile.BinCount, labels, 0, middle, RowClass.NonPositives),
            FrameSegments.BinCounts(profile.RowBin, profile.BinCount, labels, middle, end, RowClass.NonPositives));
        return (positives, others);
    }

    private double RecoveredShare(string feature)
    {
        if (Inputs.Attribution is not { Count: > 0 } attribution || !(Drop.Drop > 0))
        {
            return double.NaN;
        }

        foreach (var recovery in attribution)
        {
            if (recovery.Feature == feature && !double.IsNaN(recovery.Recovered))
            {
                return Math.Clamp(recovery.Recovered / Drop.Drop, 0, 1);
            }
        }

        return double.NaN;
    }

    private ScoreShift? ScoresAt(int split)
    {
        if (split >= MatureEnd)
        {
            return null;
        }

        var middle = Days.RowAt(split);
        var end = Days.RowAt(MatureEnd);
        var positivesBefore = FrameSegments.LogitScores(Frame, 0, middle, RowClass.Positives);
        var positivesAfter = FrameSegments.LogitScores(Frame, middle, end, RowClass.Positives);
        var allBefore = FrameSegments.LogitScores(Frame, 0, middle, RowClass.All);
        var allAfter = FrameSegments.LogitScores(Frame, middle, end, RowClass.All);
        var outcomesBefore = FrameSegments.Outcomes(Frame, 0, middle);
        var outcomesAfter = FrameSegments.Outcomes(Frame, middle, end);
        var daily = FrameSegments.DailyPositiveLogit(Frame, Days);
        var change = RampStep.Fit(daily, Settings.MaxRampDays);
        return new ScoreShift(
            positivesBefore.Mean,
            positivesAfter.Mean,
            positivesBefore.Sd,
            allBefore.Mean,
            allAfter.Mean,
            FrameSegments.Ratio(outcomesBefore.Caught, outcomesBefore.Flagged),
            FrameSegments.Ratio(outcomesAfter.Caught, outcomesAfter.Flagged),
            change,
            RampStep.EarliestConsistentStart(daily, change, Settings.MaxRampDays));
    }

    private PositiveRateShift? PositiveRateShiftOf()
    {
        var rates = FrameSegments.DailyPositiveRate(Frame, Days, Settings.MinRowsPerDay);
        var change = RampStep.Fit(rates, Settings.MaxRampDays);
        if (!change.Found || change.Start >= MatureEnd)
        {
            return null;
        }

        var middle = Days.RowAt(change.Start);
        var end = Days.RowAt(MatureEnd);
        var before = FrameSegments.Outcomes(Frame, 0, middle);
        var after = FrameSegments.Outcomes(Frame, middle, end);
        var rateBefore = FrameSegments.Ratio(before.Positives, before.Rows);
        var rateAfter = FrameSegments.Ratio(after.Positives, after.Rows);
        var pooled = FrameSegments.Ratio(before.Positives + after.Positives, before.Rows + after.Rows);
        var z = (rateAfter - rateBefore) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / before.Rows) + (1.0 / after.Rows)));

        double maxPositives = 0, maxOthers = 0;
        string? maxPositivesFeature = null, maxOthersFeature = null;
        foreach (var profile in Profiles)
        {
            var (positives, others) = ClassConditional(profile, change.Start);
            if (positives > maxPositives)
            {
                (maxPositives, maxPositivesFeature) = (positives, profile.Name);
            }

            if (others > maxOthers)
            {
                (maxOthers, maxOthersFeature) = (others, profile.Name);
            }
        }

        return new PositiveRateShift(
            change,
            rateBefore,
            rateAfter,
            ExpectedRate(0, middle, middle, end),
            double.IsNaN(z) ? 0 : z,
            FrameSegments.Ratio(before.Flagged, before.Rows),
            FrameSegments.Ratio(after.Flagged, after.Rows),
            FrameSegments.Ratio(before.Caught, before.Positives),
            FrameSegments.Ratio(after.Caught, after.Positives),
            maxPositives,
            maxPositivesFeature,
            maxOthers,
            maxOthersFeature);
    }

    /// <summary>
    /// The positive rate the scores of [afterStart, afterEnd) imply if each score decile keeps the positive rate it had
    /// in [beforeStart, beforeEnd): what the inputs, as the model reads them, explain of a change in the positive rate.
    /// </summary>
    private double ExpectedRate(int beforeStart, int beforeEnd, int afterStart, int afterEnd)
    {
        const int buckets = 10;
        var scores = Frame.Scores;
        var sample = new List<double>(beforeEnd - beforeStart);
        for (var i = beforeStart; i < beforeEnd; i++)
        {
            if (!double.IsNaN(scores[i]))
            {
                sample.Add(scores[i]);
            }
        }

        if (sample.Count == 0)
        {
            return double.NaN;
        }

        var sorted = sample.ToArray();
        Array.Sort(sorted);
        var edges = Statistics.PopulationStabilityIndex.EdgesFromSorted(sorted, buckets);
        var rows = new long[edges.Length + 1];
        var positives = new long[edges.Length + 1];
        for (var i = beforeStart; i < beforeEnd; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                continue;
            }

            var b = Bucket(edges, scores[i]);
            rows[b]++;
            positives[b] += Frame.Labels[i] == LabelValue.Positive ? 1 : 0;
        }

        double expected = 0;
        var counted = 0;
        for (var i = afterStart; i < afterEnd; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                continue;
            }

            var b = Bucket(edges, scores[i]);
            expected += rows[b] == 0 ? 0 : (double)positives[b] / rows[b];
            counted++;
        }

        return counted == 0 ? double.NaN : expected / counted;
    }

    private static int Bucket(double[] edges, double score)
    {
        var index = Array.BinarySearch(edges, score);
        return index >= 0 ? index : ~index;
    }
}
