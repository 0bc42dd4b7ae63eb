using System.Globalization;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Postmortems;

/// <summary>
/// The drop in counts: the report's mature windows (readable, with known positives: the windows the change-point test ran
/// on) pooled before and from the drop's start. Pooled TP / positives is exactly the report's baseline and current recall;
/// the intervals are Wilson intervals on those pooled counts. Missed = positives after × recall before − caught after,
/// rounded, at least 0. Everything is null when no drop was detected; <see cref="Unavailable"/> then says why.
/// </summary>
internal sealed record RecallImpact(
    ProportionEstimate? Before,
    ProportionEstimate? After,
    long PositivesAfter,
    long CaughtAfter,
    long ExpectedCaught,
    long? Missed,
    string Unavailable)
{
    public static RecallImpact From(AnalysisReport report)
    {
        var drop = report.RecallDrop;
        if (!drop.Detected || drop.StartDate is not { } start)
        {
            var why = drop.WindowsTested == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{PostmortemDraft.NotAvailable}: no window has matured labels yet as of {report.Dataset.AsOf:yyyy-MM-dd}")
                : string.Create(CultureInfo.InvariantCulture, $"{PostmortemDraft.NotAvailable}: no significant recall drop on matured labels ({drop.WindowsTested} mature windows tested)");
            return new RecallImpact(null, null, 0, 0, 0, null, why);
        }

        long positivesBefore = 0, caughtBefore = 0, positivesAfter = 0, caughtAfter = 0;
        foreach (var window in report.Performance)
        {
            if (!window.Readable || window.Positives == 0) continue;
            if (window.Start < start)
            {
                positivesBefore += window.Positives;
                caughtBefore += window.TruePositives;
            }
            else
            {
                positivesAfter += window.Positives;
                caughtAfter += window.TruePositives;
            }
        }

        var expected = (long)Math.Round(positivesAfter * drop.Baseline, MidpointRounding.AwayFromZero);
        return new RecallImpact(
            ProportionEstimate.Wilson(caughtBefore, positivesBefore),
            ProportionEstimate.Wilson(caughtAfter, positivesAfter),
            positivesAfter,
            caughtAfter,
            expected,
            Math.Max(0, expected - caughtAfter),
            "");
    }
}
