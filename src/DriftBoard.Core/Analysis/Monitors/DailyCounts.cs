using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// Everything a day-by-day monitor needs from a production log, counted once per UTC day: rows, flagged rows, score
/// histograms on fixed baseline bins, the calibrated expected positives, and per feature the PSI cells, missing values,
/// contract violations and point-mass candidates against the reference. Any trailing window is then a difference of
/// prefix sums (<see cref="DaySeries{T}"/>), so replaying 180 days costs O(days · cells), not O(days · rows).
/// </summary>
public sealed class DailyCounts
{
    private readonly int[] _dayStarts;

    private DailyCounts(DateOnly firstDay, int[] dayStarts)
    {
        FirstDay = firstDay;
        _dayStarts = dayStarts;
    }

    /// <summary>The UTC day of the first production row (day index 0).</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Days from the first to the last production row, both included (0 for an empty frame).</summary>
    public int Days => _dayStarts.Length - 1;

    /// <summary>Production rows per day.</summary>
    public required DaySeries<long> Rows { get; init; }

    /// <summary>Rows with a (non-NaN) score per day.</summary>
    public required DaySeries<long> Scored { get; init; }

    /// <summary>Rows the model flagged per day.</summary>
    public required DaySeries<long> Flagged { get; init; }

    /// <summary>Interior edges of the score PSI bins: the baseline period's score deciles.</summary>
    public required double[] ScoreEdges { get; init; }

    /// <summary>Scored rows per day per score PSI bin (see <see cref="PopulationStabilityIndex.Histogram"/> for the bin rule).</summary>
    public required DaySeries<long> ScoreHistogram { get; init; }

    /// <summary>Interior edges of the finer score grid (baseline percentiles) the supporting KS statistic is read on.</summary>
    public required double[] ScoreGridEdges { get; init; }

    /// <summary>Scored rows per day per score grid cell.</summary>
    public required DaySeries<long> ScoreGrid { get; init; }

    /// <summary>
    /// Per day, Σ p over scored rows (cell 0) and over flagged scored rows (cell 1), p the calibrated probability: the
    /// label-free estimated recall of a window is cell 1 / cell 0. Null when no calibration was given.
    /// </summary>
    public DaySeries<double>? ExpectedPositives { get; init; }

    /// <summary>Per-feature counts, in the order the features were given; features missing from the reference are left out.</summary>
    public required IReadOnlyList<FeatureDailyCounts> Features { get; init; }

    /// <summary>The calendar day of day index <paramref name="day"/>.</summary>
    public DateOnly Day(int day) => FirstDay.AddDays(day);

    /// <summary>The day index of <paramref name="day"/> (negative before the first day).</summary>
    public int IndexOf(DateOnly day) => day.DayNumber - FirstDay.DayNumber;

    /// <summary>The production rows of day index <paramref name="day"/>.</summary>
    public RowRange DayRows(int day) => new(_dayStarts[day], _dayStarts[day + 1]);

    /// <summary>
    /// Counts <paramref name="production"/> per UTC day against <paramref name="reference"/>.
    /// </summary>
    /// <param name="production">Rows ordered by UTC day (throws otherwise).</param>
    /// <param name="reference">The training data: features only are read.</param>
    /// <param name="scoreBaseline">The production days whose scores fix the score bins (clamped to the frame).</param>
    /// <param name="calibration">When given, also counts <see cref="ExpectedPositives"/>.</param>
    /// <param name="features">Features to count (default: every feature of the production frame, in its order).</param>
    public static DailyCounts Build(
        DatasetFrame production,
        DatasetFrame reference,
        MonitorSettings settings,
        TimeWindow scoreBaseline,
        ScoreCalibration? calibration = null,
        IReadOnlyList<FeatureSpec>? features = null)
    {
        settings.Validate();
        var dayStarts = DayStarts(production.Timestamps);
        var days = dayStarts.Length - 1;
        var firstDay = production.Count > 0 ? UtcDays.ToDate(production.Timestamps[0]) : scoreBaseline.Start;
        var baselineRows = WindowRows.Ranges(production.Timestamps, [scoreBaseline])[0];
        var sortedBaseline = Samples.SortedWithoutNaN(production.Scores.AsSpan(baselineRows.Start, baselineRows.Length));
        var scoreEdges = PopulationStabilityIndex.EdgesFromSorted(sortedBaseline, settings.PsiBins);
        var gridEdges = PopulationStabilityIndex.EdgesFromSorted(sortedBaseline, settings.ScoreKsGridBins);

        var rows = new long[days];
        var scored = new long[days];
        var flagged = new long[days];
        var histogram = new long[days * (scoreEdges.Length + 1)];
        var grid = new long[days * (gridEdges.Length + 1)];
        var expected = calibration is null ? null : new double[days * 2];
        for (var d = 0; d < days; d++)
        {
            var range = new RowRange(dayStarts[d], dayStarts[d + 1]);
            rows[d] = range.Length;
            var scores = production.Scores.AsSpan(range.Start, range.Length);
            var predictions = production.Predictions.AsSpan(range.Start, range.Length);
            CountScores(scores, scoreEdges, histogram.AsSpan(d * (scoreEdges.Length + 1), scoreEdges.Length + 1));
            scored[d] = CountScores(scores, gridEdges, grid.AsSpan(d * (gridEdges.Length + 1), gridEdges.Length + 1));
            double sumAll = 0, sumFlagged = 0;
            long dayFlagged = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var isFlagged = predictions[i] != 0;
                if (isFlagged)
                {
                    dayFlagged++;
                }

                if (calibration is not null && calibration.Probability(scores[i]) is var p && !double.IsNaN(p))
                {
                    sumAll += p;
                    sumFlagged += isFlagged ? p : 0;
                }
            }

            flagged[d] = dayFlagged;
            if (expected is not null)
            {
                expected[2 * d] = sumAll;
                expected[(2 * d) + 1] = sumFlagged;
            }
        }

        var featureCounts = new List<FeatureDailyCounts>();
        foreach (var spec in features ?? [.. production.Features.Values.Select(column => column.Spec)])
        {
            if (production.Features.TryGetValue(spec.Name, out var column)
                && reference.Features.TryGetValue(spec.Name, out var referenceColumn)
                && FeatureDailyCounts.Build(column with { Spec = spec }, referenceColumn, dayStarts, settings) is { } counts)
            {
                featureCounts.Add(counts);
            }
        }

        return new DailyCounts(firstDay, dayStarts)
        {
            Rows = new DaySeries<long>(days, 1, rows),
            Scored = new DaySeries<long>(days, 1, scored),
            Flagged = new DaySeries<long>(days, 1, flagged),
            ScoreEdges = scoreEdges,
            ScoreHistogram = new DaySeries<long>(days, scoreEdges.Length + 1, histogram),
            ScoreGridEdges = gridEdges,
            ScoreGrid = new DaySeries<long>(days, gridEdges.Length + 1, grid),
            ExpectedPositives = expected is null ? null : new DaySeries<double>(days, 2, expected),
            Features = featureCounts,
        };
    }

    /// <summary>Adds the non-NaN scores to <paramref name="cells"/> on <paramref name="edges"/>; returns how many were counted.</summary>
    private static long CountScores(ReadOnlySpan<double> scores, ReadOnlySpan<double> edges, Span<long> cells)
    {
        long counted = 0;
        foreach (var score in scores)
        {
            if (double.IsNaN(score))
            {
                continue;
            }

            var index = edges.BinarySearch(score);
            cells[index >= 0 ? index : ~index]++;
            counted++;
        }

        return counted;
    }

    /// <summary>
    /// Row offsets of each day from the first row's day to the last row's day, plus the end: day d is rows
    /// [starts[d], starts[d + 1]). Days without rows are empty ranges. Throws when rows are not ordered by UTC day.
    /// </summary>
    private static int[] DayStarts(long[] timestamps)
    {
        if (timestamps.Length == 0)
        {
            return [0];
        }

        var first = UtcDays.DayIndex(timestamps[0]);
        var days = checked((int)(UtcDays.DayIndex(timestamps[^1]) - first + 1));
        if (days < 1)
        {
            throw new ArgumentException("Rows are not ordered by UTC day.", nameof(timestamps));
        }

        var starts = new int[days + 1];
        var day = 0;
        for (var i = 0; i < timestamps.Length; i++)
        {
            var rowDay = UtcDays.DayIndex(timestamps[i]) - first;
            if (rowDay < day || rowDay >= days)
            {
                throw new ArgumentException($"Rows are not ordered by UTC day (row {i}).", nameof(timestamps));
            }

            while (day < rowDay)
            {
                starts[++day] = i;
            }
        }

        while (day < days)
        {
            starts[++day] = timestamps.Length;
        }

        return starts;
    }
}
