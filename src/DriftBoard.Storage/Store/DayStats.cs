namespace DriftBoard.Storage.Store;

/// <summary>
/// One UTC day of one source, aggregated at import so pages and the dataset list never read chunks for totals.
/// Labels are as known at the dataset's as-of time.
/// </summary>
public sealed record DayStats(
    string Source,
    long Day,
    long Rows,
    long Labelled,
    long Positives,
    long Flagged,
    long FlaggedPositives,
    long Scored,
    double ScoreSum)
{
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeMilliseconds(Day * 86_400_000);

    /// <summary>Mean model score of the day's scored rows; NaN when none has a score.</summary>
    public double MeanScore => Scored == 0 ? double.NaN : ScoreSum / Scored;
}
