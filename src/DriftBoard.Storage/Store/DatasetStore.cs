using System.Buffers;
using System.Runtime.InteropServices;
using Dapper;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Import;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Store;

/// <summary>
/// Reads imported datasets: the list, per-day aggregates, quarantine, and column-wise frames loaded from column chunks
/// straight into arrays (one index range scan per column, no per-row objects).
/// </summary>
public sealed class DatasetStore(DriftBoardDatabase database)
{
    /// <summary>The chunk read of one column for a day range: an index range scan of the <c>column_chunks</c> primary key.</summary>
    internal const string ChunkQuery = """
        SELECT rowid, row_count, data FROM column_chunks
        WHERE dataset_id = $dataset AND source = $source AND column_name = $column AND day >= $from AND day < $to
        ORDER BY day, seq;
        """;

    private long _chunksRead;

    /// <summary>The database this store reads (the aggregate source reads the same chunks).</summary>
    internal DriftBoardDatabase Database => database;

    /// <summary>How many chunk blobs this store has read; lets tests check that a load touched only the columns it needs.</summary>
    internal long ChunksRead => Interlocked.Read(ref _chunksRead);

    public IReadOnlyList<DatasetInfo> List()
    {
        using var connection = database.Open();
        return connection.Query<DatasetRow>(DatasetRow.Select + " ORDER BY imported_at_ms DESC, id;").Select(r => r.ToInfo()).ToList();
    }

    public DatasetInfo? Find(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<DatasetRow>(DatasetRow.Select + " WHERE id = @id;", new { id })?.ToInfo();
    }

    public IReadOnlyList<DayStats> DailyStats(string id)
    {
        using var connection = database.Open();
        return connection.Query<DayStatsRow>("""
            SELECT source AS Source, day AS Day, rows AS Rows, labelled AS Labelled, positives AS Positives, flagged AS Flagged,
                   flagged_positives AS FlaggedPositives, scored AS Scored, score_sum AS ScoreSum
            FROM day_stats WHERE dataset_id = @id ORDER BY source, day;
            """, new { id })
            .Select(r => new DayStats(r.Source, r.Day, r.Rows, r.Labelled, r.Positives, r.Flagged, r.FlaggedPositives, r.Scored, r.ScoreSum))
            .ToList();
    }

    public IReadOnlyList<QuarantinedRow> Quarantine(string id, int limit = 1000)
    {
        using var connection = database.Open();
        return connection.Query<QuarantineRow>("""
            SELECT file AS File, line AS Line, column_name AS ColumnName, value AS Value, reason AS Reason
            FROM quarantine WHERE dataset_id = @id ORDER BY id LIMIT @limit;
            """, new { id, limit })
            .Select(r => new QuarantinedRow(r.File, r.Line, r.ColumnName, r.Value, r.Reason))
            .ToList();
    }

    /// <summary>Deletes a dataset and everything stored for it; false when there is none.</summary>
    public bool Delete(string id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var deleted = DeleteRows(connection, transaction, id);
        transaction.Commit();
        return deleted;
    }

    internal static bool DeleteRows(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        // Child tables first and explicitly, rather than relying on ON DELETE CASCADE (which needs foreign_keys on).
        foreach (var table in new[] { "column_chunks", "day_stats", "categories", "dataset_columns", "quarantine" })
            connection.Execute($"DELETE FROM {table} WHERE dataset_id = @id;", new { id }, transaction);
        return connection.Execute("DELETE FROM datasets WHERE id = @id;", new { id }, transaction) > 0;
    }

    /// <summary>
    /// Production rows of the days in [<paramref name="fromDay"/>, <paramref name="toDayExclusive"/>) (UTC day numbers; null: open end),
    /// with the named features (null: all the card declares).
    /// </summary>
    public DatasetFrame LoadProduction(string id, IReadOnlyCollection<string>? features = null, long? fromDay = null, long? toDayExclusive = null) =>
        Load(id, DatasetImporter.ProductionSource, features, fromDay ?? long.MinValue, toDayExclusive ?? long.MaxValue);

    /// <summary>
    /// Training rows with the named features. Scores are NaN and predictions 0 (training data has no model output);
    /// timestamps are 0 when the card names no training timestamp; labels count as known from the row's time
    /// (<see cref="long.MinValue"/>, always known, without a timestamp).
    /// </summary>
    public DatasetFrame LoadTraining(string id, IReadOnlyCollection<string>? features = null) =>
        Load(id, DatasetImporter.TrainingSource, features, long.MinValue, long.MaxValue);

    /// <summary>
    /// A text column (the id column, or a column the card does not declare, by its file name) of the production rows,
    /// in the same row order as <see cref="LoadProduction"/> for the same days.
    /// </summary>
    public string[] LoadText(string id, string fileColumn, long? fromDay = null, long? toDayExclusive = null)
    {
        using var connection = database.Open();
        var (from, to) = (fromDay ?? long.MinValue, toDayExclusive ?? long.MaxValue);
        var name = connection.QuerySingleOrDefault<string>("""
            SELECT name FROM dataset_columns
            WHERE dataset_id = @id AND source = @source AND file_column = @fileColumn AND encoding = 'str';
            """, new { id, source = DatasetImporter.ProductionSource, fileColumn })
            ?? throw new ArgumentException($"dataset '{id}' has no stored text column '{fileColumn}'", nameof(fileColumn));
        var values = new string[RowCount(connection, id, DatasetImporter.ProductionSource, from, to)];
        var offset = 0;
        var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            foreach (var (rows, stream) in ReadChunks(connection, id, DatasetImporter.ProductionSource, name, from, to, values.Length))
            {
                var length = checked((int)stream.Length);
                if (scratch.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                    scratch = ArrayPool<byte>.Shared.Rent(length);
                }
                stream.ReadExactly(scratch, 0, length);
                ChunkEncoding.ReadStrings(scratch.AsSpan(0, length), values.AsSpan(offset, rows));
                offset += rows;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        return values;
    }

    private DatasetFrame Load(string id, string source, IReadOnlyCollection<string>? features, long from, long to)
    {
        using var connection = database.Open();
        var cardJson = connection.QuerySingleOrDefault<string>("SELECT card_json FROM datasets WHERE id = @id;", new { id })
            ?? throw new KeyNotFoundException($"no dataset '{id}'");
        var card = ModelCardJson.Deserialize(cardJson);
        var specs = (features ?? card.Features.Select(f => f.Name).ToList())
            .Select(name => card.Feature(name) ?? throw new ArgumentException($"dataset '{id}' has no feature '{name}'", nameof(features)))
            .ToList();
        var stored = connection.Query<string>("SELECT name FROM dataset_columns WHERE dataset_id = @id AND source = @source;", new { id, source })
            .ToHashSet(StringComparer.Ordinal);
        var count = RowCount(connection, id, source, from, to);

        var timestamps = new long[count];
        if (stored.Contains(SystemColumn.Timestamp)) ReadFixed(connection, id, source, SystemColumn.Timestamp, from, to, timestamps);

        var scores = new double[count];
        if (stored.Contains(SystemColumn.Score)) ReadFixed(connection, id, source, SystemColumn.Score, from, to, scores);
        else scores.AsSpan().Fill(double.NaN);

        var predictions = new byte[count];
        if (stored.Contains(SystemColumn.Prediction)) ReadFixed(connection, id, source, SystemColumn.Prediction, from, to, predictions);

        var labels = new sbyte[count];
        ReadFixed(connection, id, source, SystemColumn.Label, from, to, labels);

        var labelKnownAt = new long[count];
        if (stored.Contains(SystemColumn.LabelKnownAt)) ReadFixed(connection, id, source, SystemColumn.LabelKnownAt, from, to, labelKnownAt);
        else if (stored.Contains(SystemColumn.Timestamp)) timestamps.CopyTo(labelKnownAt, 0);
        else labelKnownAt.AsSpan().Fill(long.MinValue);

        var columns = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (spec.Type == FeatureType.Categorical)
            {
                var codes = new int[count];
                ReadFixed(connection, id, source, spec.Name, from, to, codes);
                var categories = connection.Query<string>(
                    "SELECT value FROM categories WHERE dataset_id = @id AND column_name = @column ORDER BY code;",
                    new { id, column = spec.Name }).ToList();
                columns[spec.Name] = new CategoricalColumn(spec, codes, categories);
            }
            else
            {
                var values = new double[count];
                ReadFixed(connection, id, source, spec.Name, from, to, values);
                columns[spec.Name] = new NumericColumn(spec, values);
            }
        }
        return new DatasetFrame
        {
            Timestamps = timestamps,
            Scores = scores,
            Predictions = predictions,
            Labels = labels,
            LabelKnownAt = labelKnownAt,
            Features = columns,
        };
    }

    private static int RowCount(SqliteConnection connection, string id, string source, long from, long to) =>
        checked((int)connection.ExecuteScalar<long>(
            "SELECT COALESCE(SUM(rows), 0) FROM day_stats WHERE dataset_id = @id AND source = @source AND day >= @from AND day < @to;",
            new { id, source, from, to }));

    /// <summary>Copies a fixed-width column's chunks, in day and sequence order, into <paramref name="target"/>.</summary>
    private void ReadFixed<T>(SqliteConnection connection, string id, string source, string column, long from, long to, T[] target)
        where T : unmanaged
    {
        var offset = 0;
        foreach (var (rows, stream) in ReadChunks(connection, id, source, column, from, to, target.Length))
        {
            var bytes = MemoryMarshal.AsBytes(target.AsSpan(offset, rows));
            if (stream.Length != bytes.Length)
                throw new InvalidDataException($"chunk of '{column}' holds {stream.Length} bytes for {rows} rows");
            stream.ReadExactly(bytes);
            offset += rows;
        }
    }

    /// <summary>
    /// The chunks of one column for the day range, each as (row count, blob stream). Selecting the rowid lets
    /// <see cref="SqliteDataReader.GetStream"/> read the blob incrementally into the caller's buffer instead of copying it.
    /// Checks that the chunks hold exactly <paramref name="expectedRows"/> rows.
    /// </summary>
    private IEnumerable<(int Rows, Stream Data)> ReadChunks(SqliteConnection connection, string id, string source, string column,
        long from, long to, int expectedRows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ChunkQuery;
        command.Parameters.AddWithValue("$dataset", id);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$column", column);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        var total = 0;
        while (reader.Read())
        {
            var rows = reader.GetInt32(1);
            if (total + rows > expectedRows)
                throw new InvalidDataException($"column '{column}' of dataset '{id}' has more rows than its day statistics ({expectedRows})");
            using var stream = reader.GetStream(2);
            Interlocked.Increment(ref _chunksRead);
            yield return (rows, stream);
            total += rows;
        }
        if (total != expectedRows)
            throw new InvalidDataException($"column '{column}' of dataset '{id}' has {total} rows, its day statistics {expectedRows}");
    }

    private sealed class DatasetRow
    {
        public const string Select = """
            SELECT id AS Id, name AS Name, model AS Model, version AS Version, rows AS Rows, training_rows AS TrainingRows,
                   labelled_rows AS LabelledRows, quarantined_rows AS QuarantinedRows, first_event_ms AS FirstEventMs,
                   last_event_ms AS LastEventMs, as_of_ms AS AsOfMs, imported_at_ms AS ImportedAtMs, card_json AS CardJson
            FROM datasets
            """;

        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Model { get; init; } = "";
        public string Version { get; init; } = "";
        public long Rows { get; init; }
        public long TrainingRows { get; init; }
        public long LabelledRows { get; init; }
        public long QuarantinedRows { get; init; }
        public long? FirstEventMs { get; init; }
        public long? LastEventMs { get; init; }
        public long AsOfMs { get; init; }
        public long ImportedAtMs { get; init; }
        public string CardJson { get; init; } = "";

        public DatasetInfo ToInfo() => new(Id, Name, Model, Version, Rows, TrainingRows, LabelledRows, QuarantinedRows,
            FirstEventMs is { } first ? DateTimeOffset.FromUnixTimeMilliseconds(first) : null,
            LastEventMs is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(AsOfMs), DateTimeOffset.FromUnixTimeMilliseconds(ImportedAtMs),
            ModelCardJson.Deserialize(CardJson));
    }

    private sealed class DayStatsRow
    {
        public string Source { get; init; } = "";
        public long Day { get; init; }
        public long Rows { get; init; }
        public long Labelled { get; init; }
        public long Positives { get; init; }
        public long Flagged { get; init; }
        public long FlaggedPositives { get; init; }
        public long Scored { get; init; }
        public double ScoreSum { get; init; }
    }

    private sealed class QuarantineRow
    {
        public string File { get; init; } = "";
        public long Line { get; init; }
        public string? ColumnName { get; init; }
        public string? Value { get; init; }
        public string Reason { get; init; } = "";
    }
}
