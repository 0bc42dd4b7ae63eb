using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>
/// The empirical distribution of how long positive labels take to arrive (<c>LabelKnownAt − Timestamp</c>).
/// </summary>
public sealed class LabelDelayDistribution
{
    private readonly long[] _sortedDelaysMs;

    public LabelDelayDistribution(long[] delaysMs)
    {
        _sortedDelaysMs = (long[])delaysMs.Clone();
        Array.Sort(_sortedDelaysMs);
    }

    /// <summary>Number of delays the distribution was fitted on; 0 means it could not be fitted.</summary>
    public int Count => _sortedDelaysMs.Length;

    /// <summary>F(t): share of fitted delays ≤ <paramref name="elapsedMs"/>; 0 for negative elapsed time, NaN when empty.</summary>
    public double Cdf(long elapsedMs)
    {
        if (_sortedDelaysMs.Length == 0)
        {
            return double.NaN;
        }

        return (double)SortedSpan.CountAtMost<long>(_sortedDelaysMs, elapsedMs) / _sortedDelaysMs.Length;
    }

    /// <summary>The delay below which a share <paramref name="probability"/> of positives arrive (nearest rank); NaN when empty.</summary>
    public double QuantileMs(double probability) =>
        _sortedDelaysMs.Length == 0
            ? double.NaN
            : _sortedDelaysMs[Math.Clamp((int)Math.Ceiling(probability * _sortedDelaysMs.Length) - 1, 0, _sortedDelaysMs.Length - 1)];
}

/// <summary>How far the labels of one window have arrived at as-of.</summary>
/// <param name="Maturity">Share of the window's labels expected to have arrived, in [0, 1]; NaN for an empty window.</param>
/// <param name="PastMaturityShare">
/// Share of the window's rows older than the negative-by-maturity horizon at as-of (their negatives are known); NaN
/// without that rule or for an empty window.
/// </param>
/// <param name="Provisional">Maturity (or, with no rows, NaN) below <see cref="PerformanceSettings.ProvisionalBelowMaturity"/>.</param>
public sealed record WindowMaturity(double Maturity, double PastMaturityShare, bool Provisional);

/// <summary>
/// Label maturity: the share of a window's rows whose label could have arrived by as-of.
/// <para>
/// Positive labels arrive late (a chargeback weeks after the payment), so a recent window's recall rests on the positives
/// that happen to have arrived, and reads too low or too high until the rest come in. The maturity of a row of age
/// <c>a = asOf − ts</c> is F(a), the fraction of the positive-label delay distribution already elapsed; a window's maturity
/// is the mean of F over its rows. F is the empirical distribution of <c>LabelKnownAt − Timestamp</c> over known
/// positives old enough that their delays were all observable: rows at least <c>MaturityDays</c> old at as-of (with
/// a positive-events feed), so young rows — whose long delays are still censored — do not bias F towards short delays.
/// With explicit labels (no maturity rule) every known positive is used. When no delay can be fitted (no known
/// positive), the maturity falls back to the observed share of rows with a known label.
/// </para>
/// <para>
/// With the negative-by-maturity rule, negatives are known only once a row is <c>MaturityDays</c> old, so the share of
/// rows past that horizon is reported separately (<see cref="WindowMaturity.PastMaturityShare"/>): recall only needs
/// the positives, precision and AUCs also need the negatives.
/// </para>
/// </summary>
public static class LabelMaturity
{
    /// <summary>Fits the positive-label delay distribution of <paramref name="frame"/> as described on the class.</summary>
    public static LabelDelayDistribution FitDelays(DatasetFrame frame, AnalysisContext context)
    {
        var horizonEnd = context.MaturityMs is { } maturity ? context.AsOfMs - maturity : long.MaxValue;
        var delays = CollectDelays(frame, horizonEnd);
        // No positive old enough yet: censored delays beat no estimate at all.
        return delays.Length > 0 || horizonEnd == long.MaxValue ? new LabelDelayDistribution(delays) : new LabelDelayDistribution(CollectDelays(frame, long.MaxValue));
    }

    /// <summary>The maturity of the rows <paramref name="rows"/> of <paramref name="frame"/>, given the fitted delays.</summary>
    public static WindowMaturity Of(DatasetFrame frame, RowRange rows, LabelDelayDistribution delays, AnalysisContext context)
    {
        if (rows.Length == 0)
        {
            return new WindowMaturity(double.NaN, double.NaN, Provisional: true);
        }

        var asOf = context.AsOfMs;
        var timestamps = frame.Timestamps.AsSpan(rows.Start, rows.Length);
        double maturity;
        if (delays.Count > 0)
        {
            double sum = 0;
            foreach (var ts in timestamps)
            {
                sum += delays.Cdf(asOf - ts);
            }

            maturity = sum / rows.Length;
        }
        else
        {
            var labelled = 0;
            foreach (var label in frame.Labels.AsSpan(rows.Start, rows.Length))
            {
                if (label != LabelValue.Unknown)
                {
                    labelled++;
                }
            }

            maturity = (double)labelled / rows.Length;
        }

        var pastMaturityShare = double.NaN;
        if (context.MaturityMs is { } horizon)
        {
            var past = 0;
            foreach (var ts in timestamps)
            {
                if (ts + horizon <= asOf)
                {
                    past++;
                }
            }

            pastMaturityShare = (double)past / rows.Length;
        }

        return new WindowMaturity(maturity, pastMaturityShare, !(maturity >= context.Settings.ProvisionalBelowMaturity));
    }

    private static long[] CollectDelays(DatasetFrame frame, long latestTimestamp)
    {
        var delays = new List<long>();
        var labels = frame.Labels;
        var knownAt = frame.LabelKnownAt;
        var timestamps = frame.Timestamps;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == LabelValue.Positive && knownAt[i] != long.MaxValue && timestamps[i] <= latestTimestamp)
            {
                // A label known before its prediction (clock skew, back-filled feed) arrived with no delay.
                delays.Add(Math.Max(0, knownAt[i] - timestamps[i]));
            }
        }

        return [.. delays];
    }
}
