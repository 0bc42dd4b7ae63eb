using System.Buffers;
using System.Runtime.InteropServices;
using Dapper;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Aggregates;

/// <summary>
/// The SQLite store's side of the log store seam: per-day counts computed in C# from the column chunks, one index range
/// scan of one column at a time, each chunk decoded into a pooled buffer and counted (what a server store does with
/// <c>GROUP BY day, cell</c>). Memory is one chunk plus the counts, whatever the row count. A feature the dataset does not
/// store gives no days.
/// </summary>
public sealed class ChunkAggregateSource(DriftBoardDatabase database) : IWindowAggregateSource
{
    private const string DayChunkQuery = """
        SELECT day, row_count, data FROM column_chunks
        WHERE dataset_id = $dataset AND source = 'production' AND column_name = $column
        ORDER BY day, seq;
        """;

    /// <summary>Days loaded at a time when drawing a <see cref="Sample"/>: bounds the rows held besides the sample.</summary>
    public const int SampleBlockDays = 7;

    public IReadOnlyList<DayCounts<NumericCounts>> NumericCounts(string datasetId, string feature, NumericBinning binning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binning);
        using var connection = database.Open();
        if (!Stores(connection, datasetId, feature)) return [];
        return PerDay<double, NumericCounts>(connection, datasetId, feature,
            values => AggregateCounting.Numeric(values, binning),
            parts => Core.Analysis.Aggregates.NumericCounts.Sum(parts, binning.CellCount), cancellationToken);
    }

    public IReadOnlyList<DayCounts<CategoryCounts>> CategoryCounts(string datasetId, string feature, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        if (!Stores(connection, datasetId, feature)) return [];
        var spec = Card(connection, datasetId).Feature(feature);
        if (spec?.Type == FeatureType.Boolean)
            return PerDay<double, CategoryCounts>(connection, datasetId, feature, values => AggregateCounting.Booleans(values),
                Core.Analysis.Aggregates.CategoryCounts.Sum, cancellationToken);
        if (spec?.Type != FeatureType.Categorical) return [];

        var categories = connection.Query<string>(
            "SELECT value FROM categories WHERE dataset_id = @id AND column_name = @column ORDER BY code;", new { id = datasetId, column = feature }).ToList();
        return PerDay<int, CategoryCounts>(connection, datasetId, feature, codes => AggregateCounting.Categories(codes, categories),
            Core.Analysis.Aggregates.CategoryCounts.Sum, cancellationToken);
    }

    /// <summary>Reads the score, decision and label columns a week of days at a time (the rows of one block, not the dataset).</summary>
    public IReadOnlyList<DayCounts<OutcomeCounts>> OutcomeCounts(string datasetId, double[] scoreEdges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scoreEdges);
        var result = new List<DayCounts<OutcomeCounts>>();
        var store = new DatasetStore(database);
        foreach (var block in Blocks(datasetId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = store.LoadProduction(datasetId, [], block.From, block.To);
            result.AddRange(new FrameAggregateSource(frame).OutcomeCounts(datasetId, scoreEdges, cancellationToken));
        }

        return result;
    }

    /// <summary>Loads a week of days at a time and keeps the sampled rows, so the full dataset is never held.</summary>
    public DatasetFrame Sample(string datasetId, RowSampling sampling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var store = new DatasetStore(database);
        var parts = new List<DatasetFrame>();
        foreach (var block in Blocks(datasetId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            parts.Add(RowSampler.Sample(store.LoadProduction(datasetId, null, block.From, block.To), sampling));
        }

        return parts.Count == 1 ? parts[0] : RowSampler.Concat(parts);
    }

    private IEnumerable<(long From, long To)> Blocks(string datasetId)
    {
        using var connection = database.Open();
        var days = connection.Query<long>(
            "SELECT day FROM day_stats WHERE dataset_id = @id AND source = 'production' AND rows > 0 ORDER BY day;", new { id = datasetId }).ToList();
        return DayBlocks(days, SampleBlockDays);
    }

    /// <summary>
    /// Splits ascending <paramref name="days"/> into half-open ranges [from, from + <paramref name="blockDays"/>) that each start
    /// at a day with rows, so a store reads a bounded number of days at a time and skips empty stretches.
    /// </summary>
    internal static IEnumerable<(long From, long To)> DayBlocks(IReadOnlyList<long> days, int blockDays)
    {
        for (var i = 0; i < days.Count;)
        {
            var from = days[i];
            var to = from + blockDays;
            while (i < days.Count && days[i] < to) i++;
            yield return (from, to);
        }
    }

    /// <summary>Decodes a fixed-width column's chunks in day order and counts each day's values (days split over several chunks are summed).</summary>
    private static List<DayCounts<TCounts>> PerDay<TValue, TCounts>(SqliteConnection connection, string datasetId, string column,
        Func<ReadOnlySpan<TValue>, TCounts> count, Func<IEnumerable<TCounts>, TCounts> sum, CancellationToken cancellationToken)
        where TValue : unmanaged
    {
        var result = new List<DayCounts<TCounts>>();
        using var command = connection.CreateCommand();
        command.CommandText = DayChunkQuery;
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$column", column);
        using var reader = command.ExecuteReader();
        var buffer = ArrayPool<TValue>.Shared.Rent(1 << 14);
        try
        {
            var parts = new List<TCounts>();
            long? currentDay = null;
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var day = reader.GetInt64(0);
                var rows = reader.GetInt32(1);
                if (currentDay is { } open && open != day)
                {
                    result.Add(new DayCounts<TCounts>(open, parts.Count == 1 ? parts[0] : sum(parts)));
                    parts.Clear();
                }

                currentDay = day;
                if (buffer.Length < rows)
                {
                    ArrayPool<TValue>.Shared.Return(buffer);
                    buffer = ArrayPool<TValue>.Shared.Rent(rows);
                }

                using var stream = reader.GetStream(2);
                var bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, rows));
                if (stream.Length != bytes.Length)
                    throw new InvalidDataException($"chunk of '{column}' holds {stream.Length} bytes for {rows} rows");
                stream.ReadExactly(bytes);
                parts.Add(count(buffer.AsSpan(0, rows)));
            }

            if (currentDay is { } last) result.Add(new DayCounts<TCounts>(last, parts.Count == 1 ? parts[0] : sum(parts)));
        }
        finally
        {
            ArrayPool<TValue>.Shared.Return(buffer);
        }

        return result;
    }

    private static bool Stores(SqliteConnection connection, string datasetId, string column) =>
        connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM dataset_columns WHERE dataset_id = @id AND source = @source AND name = @column;",
            new { id = datasetId, source = DatasetImporter.ProductionSource, column }) > 0;

    private static ModelCard Card(SqliteConnection connection, string datasetId) =>
        ModelCardJson.Deserialize(connection.QuerySingleOrDefault<string>("SELECT card_json FROM datasets WHERE id = @id;", new { id = datasetId })
            ?? throw new KeyNotFoundException($"no dataset '{datasetId}'"));
}
