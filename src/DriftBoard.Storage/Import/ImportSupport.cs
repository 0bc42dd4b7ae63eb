using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using DriftBoard.Storage.Formats;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Import;

/// <summary>
/// Ids are keyed by the 64-bit XxHash3 of their UTF-16 text instead of the text itself, to keep millions of ids in memory cheaply.
/// Two different ids collide with probability about n²/2⁶⁵ (≈ 3·10⁻⁸ for 1M ids, ≈ 3·10⁻⁶ for 10M): a collision would show as
/// a false duplicate id or a label attached to the wrong row. Accepted at that rate.
/// </summary>
internal static class IdHash
{
    public static ulong Of(ReadOnlySpan<char> id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.Trim()));
}

/// <summary>Writes quarantined rows inside the import transaction and counts them per file.</summary>
internal sealed class QuarantineLog : IDisposable
{
    private const int MaxValueLength = 200;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _file, _line, _column, _value, _reason;
    private readonly Dictionary<string, long> _perFile = [];

    public QuarantineLog(SqliteConnection connection, SqliteTransaction transaction, string datasetId)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = """
            INSERT INTO quarantine (dataset_id, file, line, column_name, value, reason)
            VALUES ($dataset, $file, $line, $column, $value, $reason);
            """;
        _insert.Parameters.AddWithValue("$dataset", datasetId);
        _file = _insert.Parameters.Add("$file", SqliteType.Text);
        _line = _insert.Parameters.Add("$line", SqliteType.Integer);
        _column = _insert.Parameters.Add("$column", SqliteType.Text);
        _value = _insert.Parameters.Add("$value", SqliteType.Text);
        _reason = _insert.Parameters.Add("$reason", SqliteType.Text);
        _insert.Prepare();
    }

    public long Count { get; private set; }

    /// <summary>The first problem recorded, for the message when there are too many.</summary>
    public QuarantinedRow? First { get; private set; }

    public IReadOnlyDictionary<string, long> PerFile => _perFile;

    public void Add(string file, long line, RowProblem problem)
    {
        var value = problem.Value is { Length: > MaxValueLength } long_ ? long_[..MaxValueLength] : problem.Value;
        _file.Value = file;
        _line.Value = line;
        _column.Value = (object?)problem.Column ?? DBNull.Value;
        _value.Value = (object?)value ?? DBNull.Value;
        _reason.Value = problem.Reason;
        _insert.ExecuteNonQuery();
        Count++;
        First ??= new QuarantinedRow(file, line, problem.Column, value, problem.Reason);
        _perFile[file] = _perFile.GetValueOrDefault(file) + 1;
    }

    public void Dispose() => _insert.Dispose();
}

/// <summary>Per-day aggregates of one source, written to <c>day_stats</c>.</summary>
internal sealed class DayStatsAccumulator
{
    private readonly Dictionary<long, Stats> _days = [];

    private sealed class Stats
    {
        public long Rows, Labelled, Positives, Flagged, FlaggedPositives, Scored;
        public double ScoreSum;
    }

    public void Add(long day, double score, byte prediction, sbyte label)
    {
        if (!_days.TryGetValue(day, out var stats))
        {
            stats = new Stats();
            _days.Add(day, stats);
        }
        stats.Rows++;
        if (label != Core.Domain.LabelValue.Unknown) stats.Labelled++;
        if (label == Core.Domain.LabelValue.Positive) stats.Positives++;
        if (prediction == 1) stats.Flagged++;
        if (prediction == 1 && label == Core.Domain.LabelValue.Positive) stats.FlaggedPositives++;
        if (!double.IsNaN(score))
        {
            stats.Scored++;
            stats.ScoreSum += score;
        }
    }

    public long Labelled => _days.Values.Sum(s => s.Labelled);

    public void Write(SqliteConnection connection, SqliteTransaction transaction, string datasetId, string source)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO day_stats (dataset_id, source, day, rows, labelled, positives, flagged, flagged_positives, scored, score_sum)
            VALUES ($dataset, $source, $day, $rows, $labelled, $positives, $flagged, $flaggedPositives, $scored, $scoreSum);
            """;
        insert.Parameters.AddWithValue("$dataset", datasetId);
        insert.Parameters.AddWithValue("$source", source);
        var day = insert.Parameters.Add("$day", SqliteType.Integer);
        var rows = insert.Parameters.Add("$rows", SqliteType.Integer);
        var labelled = insert.Parameters.Add("$labelled", SqliteType.Integer);
        var positives = insert.Parameters.Add("$positives", SqliteType.Integer);
        var flagged = insert.Parameters.Add("$flagged", SqliteType.Integer);
        var flaggedPositives = insert.Parameters.Add("$flaggedPositives", SqliteType.Integer);
        var scored = insert.Parameters.Add("$scored", SqliteType.Integer);
        var scoreSum = insert.Parameters.Add("$scoreSum", SqliteType.Real);
        foreach (var (d, s) in _days)
        {
            day.Value = d;
            rows.Value = s.Rows;
            labelled.Value = s.Labelled;
            positives.Value = s.Positives;
            flagged.Value = s.Flagged;
            flaggedPositives.Value = s.FlaggedPositives;
            scored.Value = s.Scored;
            scoreSum.Value = s.ScoreSum;
            insert.ExecuteNonQuery();
        }
    }
}

/// <summary>Reports progress at most every 100 ms, and checks for cancellation, from a streaming pass.</summary>
internal sealed class ImportPacer(IProgress<ImportProgress>? progress, CancellationToken cancellation)
{
    private const long ReportIntervalMs = 100;
    private const int CheckEveryRows = 4096;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastReportMs = -ReportIntervalMs;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Called per row; cheap except every <see cref="CheckEveryRows"/> rows.</summary>
    public void Row(string stage, ITabularReader reader, long rows)
    {
        if (rows % CheckEveryRows != 0) return;
        cancellation.ThrowIfCancellationRequested();
        if (progress is null || _clock.ElapsedMilliseconds - _lastReportMs < ReportIntervalMs) return;
        Report(stage, reader.FilePath, rows, reader.BytesRead, reader.TotalBytes);
    }

    public void Stage(string stage, string file, long rows, long bytesRead = 0, long totalBytes = 0)
    {
        cancellation.ThrowIfCancellationRequested();
        if (progress is not null) Report(stage, file, rows, bytesRead, totalBytes);
    }

    private void Report(string stage, string file, long rows, long bytesRead, long totalBytes)
    {
        _lastReportMs = _clock.ElapsedMilliseconds;
        progress!.Report(new ImportProgress(stage, file, rows, bytesRead, totalBytes, _clock.Elapsed));
    }
}
