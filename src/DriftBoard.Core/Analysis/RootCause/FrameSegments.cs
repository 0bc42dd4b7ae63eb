using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>Which rows a count covers.</summary>
internal enum RowClass
{
    All,
    /// <summary>Known positives.</summary>
    Positives,
    /// <summary>
    /// Rows not known positive. Read on mature days only, where nearly every positive label has arrived, so an
    /// unlabelled row there is almost surely negative (a positive-events feed leaves negatives unknown for months).
    /// </summary>
    NonPositives,
}

/// <summary>Recall of the labelled positives inside and outside a set of bins, before and after a change day.</summary>
internal sealed record SegmentRecall(
    int PositivesInsideBefore,
    double RecallInsideBefore,
    int PositivesOutsideBefore,
    double RecallOutsideBefore,
    int PositivesInsideAfter,
    double RecallInsideAfter,
    int PositivesOutsideAfter,
    double RecallOutsideAfter,
    double RecallBefore,
    double RecallAfter)
{
    public double ShareOfPositivesInsideAfter => PositivesInsideAfter + PositivesOutsideAfter == 0 ? double.NaN
        : (double)PositivesInsideAfter / (PositivesInsideAfter + PositivesOutsideAfter);

    /// <summary>
    /// The share of the drop the region accounts for: 1 − (recall lost outside it) / (recall lost overall), clamped to
    /// [0, 1]. NaN when recall did not fall or the outside has too few positives to read.
    /// </summary>
    public double Explained(int minPositives)
    {
        var drop = RecallBefore - RecallAfter;
        if (!(drop > 0) || PositivesOutsideAfter < minPositives || PositivesOutsideBefore < minPositives)
        {
            return double.NaN;
        }

        return Math.Clamp(1 - ((RecallOutsideBefore - RecallOutsideAfter) / drop), 0, 1);
    }
}

/// <summary>Column-wise counts over row ranges: bin histograms per row class, segment recall, daily label series.</summary>
internal static class FrameSegments
{
    public static long[] BinCounts(int[] rowBin, int bins, sbyte[] labels, int start, int end, RowClass rows)
    {
        var counts = new long[bins];
        for (var i = start; i < end; i++)
        {
            var include = rows switch
            {
                RowClass.Positives => labels[i] == LabelValue.Positive,
                RowClass.NonPositives => labels[i] != LabelValue.Positive,
                _ => true,
            };
            if (include)
            {
                counts[rowBin[i]]++;
            }
        }

        return counts;
    }

    /// <summary>
    /// PSI of <paramref name="after"/> against <paramref name="before"/> minus its expected value under no change,
    /// (k − 1)(1/n₁ + 1/n₂) for k occupied bins, floored at 0: small samples (the positives) read as large PSIs by
    /// chance alone. NaN when either side is empty.
    /// </summary>
    public static double ExcessPsi(long[] before, long[] after)
    {
        long n1 = 0, n2 = 0;
        var occupied = 0;
        for (var b = 0; b < before.Length; b++)
        {
            n1 += before[b];
            n2 += after[b];
            if (before[b] + after[b] > 0)
            {
                occupied++;
            }
        }

        if (n1 == 0 || n2 == 0)
        {
            return double.NaN;
        }

        var psi = PopulationStabilityIndex.FromCounts(before, after);
        return Math.Max(0, psi - (Math.Max(occupied - 1, 0) * ((1.0 / n1) + (1.0 / n2))));
    }

    /// <summary>Recall in and out of <paramref name="inside"/> (indexed by bin) over [start, split) and [split, end).</summary>
    public static SegmentRecall Recall(int[] rowBin, bool[] inside, DatasetFrame frame, int start, int split, int end)
    {
        var (pib, tib, pob, tob) = Count(rowBin, inside, frame, start, split);
        var (pia, tia, poa, toa) = Count(rowBin, inside, frame, split, end);
        return new SegmentRecall(
            pib, Ratio(tib, pib), pob, Ratio(tob, pob),
            pia, Ratio(tia, pia), poa, Ratio(toa, poa),
            Ratio(tib + tob, pib + pob), Ratio(tia + toa, pia + poa));
    }

    private static (int InsidePositives, int InsideCaught, int OutsidePositives, int OutsideCaught) Count(
        int[] rowBin, bool[] inside, DatasetFrame frame, int start, int end)
    {
        int ip = 0, ic = 0, op = 0, oc = 0;
        for (var i = start; i < end; i++)
        {
            if (frame.Labels[i] != LabelValue.Positive)
            {
                continue;
            }

            var caught = frame.Predictions[i] != 0 ? 1 : 0;
            if (inside[rowBin[i]])
            {
                ip++;
                ic += caught;
            }
            else
            {
                op++;
                oc += caught;
            }
        }

        return (ip, ic, op, oc);
    }

    /// <summary>
    /// Per mature day: known positives / (rows × the day's label maturity), so the few positives still to come on the
    /// youngest mature days do not read as a falling positive rate; NaN on immature days and days below the minimum rows.
    /// </summary>
    public static double[] DailyPositiveRate(DatasetFrame frame, ProductionDays days, int minRows)
    {
        var rates = new double[days.Count];
        for (var d = 0; d < days.Count; d++)
        {
            var range = days.Rows[d];
            rates[d] = !days.Mature[d] || range.Length < minRows ? double.NaN : Positives(frame, range.Start, range.End) / (range.Length * days.Maturity[d]);
        }

        return rates;
    }

    /// <summary>Known positives over days [from, to) and the rows weighted by each day's maturity (the positive rate's denominator).</summary>
    public static (double Positives, double MaturityWeightedRows) PositiveRateParts(DatasetFrame frame, ProductionDays days, int from, int to)
    {
        double positives = 0, rows = 0;
        for (var d = Math.Max(from, 0); d < Math.Min(to, days.Count); d++)
        {
            var range = days.Rows[d];
            positives += Positives(frame, range.Start, range.End);
            rows += range.Length * days.Maturity[d];
        }

        return (positives, rows);
    }

    private static int Positives(DatasetFrame frame, int start, int end)
    {
        var positives = 0;
        foreach (var label in frame.Labels.AsSpan(start, end - start))
        {
            if (label == LabelValue.Positive)
            {
                positives++;
            }
        }

        return positives;
    }

    /// <summary>Per mature day: mean logit of the known positives' scores; NaN on days without a scored positive.</summary>
    public static double[] DailyPositiveLogit(DatasetFrame frame, ProductionDays days)
    {
        var means = new double[days.Count];
        for (var d = 0; d < days.Count; d++)
        {
            means[d] = double.NaN;
            if (!days.Mature[d])
            {
                continue;
            }

            var range = days.Rows[d];
            double sum = 0;
            var n = 0;
            for (var i = range.Start; i < range.End; i++)
            {
                if (frame.Labels[i] == LabelValue.Positive && !double.IsNaN(frame.Scores[i]))
                {
                    sum += Logit(frame.Scores[i]);
                    n++;
                }
            }

            if (n > 0)
            {
                means[d] = sum / n;
            }
        }

        return means;
    }

    /// <summary>Mean, standard deviation and count of logit(score) over the rows of a class in [start, end).</summary>
    public static (double Mean, double Sd, int Count) LogitScores(DatasetFrame frame, int start, int end, RowClass rows)
    {
        double sum = 0, sumSquares = 0;
        var n = 0;
        for (var i = start; i < end; i++)
        {
            var include = rows switch
            {
                RowClass.Positives => frame.Labels[i] == LabelValue.Positive,
                RowClass.NonPositives => frame.Labels[i] != LabelValue.Positive,
                _ => true,
            };
            if (!include || double.IsNaN(frame.Scores[i]))
            {
                continue;
            }

            var x = Logit(frame.Scores[i]);
            sum += x;
            sumSquares += x * x;
            n++;
        }

        if (n == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, (sumSquares / n) - (mean * mean))), n);
    }

    /// <summary>Rows, flagged rows, positives and flagged positives in [start, end).</summary>
    public static (int Rows, int Flagged, int Positives, int Caught) Outcomes(DatasetFrame frame, int start, int end)
    {
        int flagged = 0, positives = 0, caught = 0;
        for (var i = start; i < end; i++)
        {
            var flag = frame.Predictions[i] != 0;
            var positive = frame.Labels[i] == LabelValue.Positive;
            flagged += flag ? 1 : 0;
            positives += positive ? 1 : 0;
            caught += flag && positive ? 1 : 0;
        }

        return (end - start, flagged, positives, caught);
    }

    public static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    /// <summary>logit of a score clamped to [1e-6, 1 − 1e-6].</summary>
    public static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }
}
