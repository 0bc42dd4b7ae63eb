using DriftBoard.Core.Demo;

namespace DriftBoard.Core.Tests.Demo;

/// <summary>An in-memory sink that keeps per-day tallies of the truth and the model's decisions, plus a checksum of every value.</summary>
public sealed class DailyTallySink(DemoSettings settings) : IDemoSink
{
    private readonly DateOnly _start = settings.Start;
    private readonly Dictionary<long, DateTime> _fraudTimes = [];

    public long[] Rows { get; } = new long[settings.Days];
    public long[] Fraud { get; } = new long[settings.Days];
    public long[] FraudFlagged { get; } = new long[settings.Days];
    public long[] Flagged { get; } = new long[settings.Days];
    public long[] ChargedBack { get; } = new long[settings.Days];
    public long TrainingRows { get; private set; }
    public long TrainingFraud { get; private set; }
    public List<string> Problems { get; } = [];
    public ulong Checksum { get; private set; } = 14695981039346656037UL;
    public HashSet<string> SeenCategories { get; } = [];

    public void Training(DemoRow row)
    {
        TrainingRows++;
        if (row.IsFraud) TrainingFraud++;
        if (row.Timestamp >= _start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) Problems.Add($"training row {row.Id} after the start");
        Mix(row);
    }

    public void Prediction(DemoRow row)
    {
        var day = DateOnly.FromDateTime(row.Timestamp).DayNumber - _start.DayNumber;
        Rows[day]++;
        if (row.Flagged) Flagged[day]++;
        if (row.IsFraud)
        {
            Fraud[day]++;
            if (row.Flagged) FraudFlagged[day]++;
            _fraudTimes[row.Id] = row.Timestamp;
        }
        foreach (var c in row.Categories)
            if (c is not null) SeenCategories.Add(c);
        Mix(row);
    }

    public void Chargeback(long transactionId, DateTime chargebackAt)
    {
        if (!_fraudTimes.TryGetValue(transactionId, out var ts)) { Problems.Add($"chargeback for non-fraud or unknown id {transactionId}"); return; }
        if (chargebackAt <= ts) Problems.Add($"chargeback {transactionId} not after its transaction");
        if (chargebackAt > settings.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) Problems.Add($"chargeback {transactionId} after as-of");
        ChargedBack[DateOnly.FromDateTime(ts).DayNumber - _start.DayNumber]++;
        Checksum = (Checksum ^ (ulong)chargebackAt.Ticks) * 1099511628211UL;
    }

    private void Mix(DemoRow row)
    {
        var h = (Checksum ^ (ulong)row.Timestamp.Ticks) * 1099511628211UL;
        foreach (var v in row.Values) h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        foreach (var c in row.Categories) h = (h ^ (ulong)(c?.Length ?? 0)) * 1099511628211UL;
        h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(row.Score)) * 1099511628211UL;
        Checksum = (h ^ (row.IsFraud ? 1UL : 0UL)) * 1099511628211UL;
    }

    /// <summary>Recall at the threshold from the true labels over days [from, to).</summary>
    public double Recall(int from, int to) => Ratio(FraudFlagged, Fraud, from, to);
    public double FraudRate(int from, int to) => Ratio(Fraud, Rows, from, to);
    public double ChargedBackShare(int from, int to) => Ratio(ChargedBack, Fraud, from, to);

    private static double Ratio(long[] numerator, long[] denominator, int from, int to)
    {
        long n = 0, d = 0;
        for (var i = from; i < to; i++) { n += numerator[i]; d += denominator[i]; }
        return (double)n / d;
    }
}
