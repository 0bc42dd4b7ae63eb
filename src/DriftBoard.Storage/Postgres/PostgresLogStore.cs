using System.Text.RegularExpressions;
using Dapper;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Store;
using Npgsql;
using NpgsqlTypes;

namespace DriftBoard.Storage.Postgres;

/// <summary>
/// A production log held in PostgreSQL: the server computes the per-day counts of <see cref="IWindowAggregateSource"/>
/// with one <c>GROUP BY day, cell</c> per call, so what travels back is counts per day and cell, never rows (except the
/// bounded <see cref="Sample"/>). Counts equal <see cref="Aggregates.ChunkAggregateSource"/>'s on the same rows.
/// <para>
/// Layout: one wide table per dataset, <c>{schema}.predictions_{n}(day, row_in_day, ts, score, prediction, label,
/// label_known_at, f1 … fk)</c>, one typed column per card feature (float8 for numeric and boolean, NULL = missing, NaN
/// stored as NULL; integer category codes for categorical). Each dataset declares its own features, so a shared table
/// could not give each one a typed column; a table per dataset makes every count one scan of one column with no pivot,
/// the row sample one SELECT, and dropping a dataset one DROP TABLE. A narrow (row, feature, value) table would hold
/// every value with a 24-byte tuple header and make the sample a pivot. <c>{schema}.log_datasets</c> and
/// <c>{schema}.log_columns</c> map dataset ids and feature names to tables and columns (generated names, so any feature
/// name is safe); <c>{schema}.log_days</c> holds rows per day for the sample's step.
/// </para>
/// <para>
/// Metadata stays in the SQLite app database (<paramref name="metadata"/>): datasets, model cards, category lists,
/// postmortems. PostgreSQL stores category codes; their names come from SQLite's <c>categories</c>, as in the chunk store.
/// </para>
/// </summary>
/// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</param>
/// <param name="metadata">The SQLite app database holding the dataset's card and categories.</param>
/// <param name="schema">The PostgreSQL schema of the log tables (a lower-case identifier; created when missing).</param>
public sealed partial class PostgresLogStore(string connectionString, DriftBoardDatabase metadata, string schema = PostgresLogStore.DefaultSchema)
    : IWindowAggregateSource, IDisposable
{
    public const string DefaultSchema = "driftboard";

    /// <summary>Days copied per block from SQLite: bounds the rows held in memory while loading.</summary>
    public const int CopyBlockDays = 7;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly string _schema = ValidSchema(schema);
    private readonly Lock _schemaLock = new();
    private volatile bool _schemaCreated;

    /// <summary>The schema this store's tables live in.</summary>
    public string Schema => _schema;

    public IReadOnlyList<DayCounts<NumericCounts>> NumericCounts(string datasetId, string feature, NumericBinning binning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binning);
        var (table, column) = Locate(datasetId, feature);
        if (column is not { Kind: ColumnKind.Numeric }) return [];
        // A value's cell is the number of cuts strictly below it: n − (cuts ≥ value), the latter a width_bucket on the negated, reversed cuts.
        var sql = $"""
            SELECT day, CASE WHEN {column.Name} IS NULL THEN -1 ELSE cardinality(@negated) - width_bucket(-{column.Name}, @negated) END AS cell, count(*)
            FROM {table} GROUP BY 1, 2 ORDER BY 1, 2;
            """;
        var result = new List<DayCounts<NumericCounts>>();
        long[]? cells = null;
        long rows = 0, day = 0;
        foreach (var (d, cell, count) in Grouped(sql, [new("negated", NegatedReversed(binning.Cuts))], cancellationToken))
        {
            if (cells is null || d != day)
            {
                if (cells is not null) result.Add(new(day, new NumericCounts(rows, cells)));
                (cells, rows, day) = (new long[binning.CellCount], 0, d);
            }

            rows += count;
            if (cell >= 0) cells[cell] += count;
        }

        if (cells is not null) result.Add(new(day, new NumericCounts(rows, cells)));
        return result;
    }

    public IReadOnlyList<DayCounts<CategoryCounts>> CategoryCounts(string datasetId, string feature, CancellationToken cancellationToken = default)
    {
        var (table, column) = Locate(datasetId, feature);
        if (column is null) return [];
        var card = Card(datasetId);
        var spec = card.Feature(feature);
        if (spec?.Type == FeatureType.Boolean && column.Kind == ColumnKind.Numeric)
        {
            // The chunk store's boolean rule: 0 "false", anything else "true" (non-binary unless 1), NULL missing.
            var sql = $"""
                SELECT day, CASE WHEN {column.Name} IS NULL THEN -1 WHEN {column.Name} = 0 THEN 0 ELSE 1 END AS code, count(*),
                       count(*) FILTER (WHERE {column.Name} <> 0 AND {column.Name} <> 1)
                FROM {table} GROUP BY 1, 2 ORDER BY 1, 2;
                """;
            return PerDayCategories(sql, ["false", "true"], cancellationToken);
        }

        if (spec?.Type != FeatureType.Categorical || column.Kind != ColumnKind.Categorical) return [];
        var categories = Categories(datasetId, feature);
        return PerDayCategories($"""
            SELECT day, COALESCE({column.Name}, -1) AS code, count(*), 0::bigint
            FROM {table} GROUP BY 1, 2 ORDER BY 1, 2;
            """, categories, cancellationToken);
    }

    public IReadOnlyList<DayCounts<OutcomeCounts>> OutcomeCounts(string datasetId, double[] scoreEdges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scoreEdges);
        var table = Table(datasetId);
        var buckets = scoreEdges.Length + 2;
        // Right-closed buckets as NumericBinning cells; rows with no score in the last element.
        var sql = $"""
            SELECT day, CASE WHEN score IS NULL THEN @noScore ELSE cardinality(@negated) - width_bucket(-score, @negated) END AS bucket,
                   count(*), count(*) FILTER (WHERE prediction <> 0), count(*) FILTER (WHERE label <> {LabelValue.Unknown}),
                   count(*) FILTER (WHERE label <> {LabelValue.Unknown} AND prediction <> 0),
                   count(*) FILTER (WHERE label = {LabelValue.Positive}), count(*) FILTER (WHERE label = {LabelValue.Positive} AND prediction <> 0)
            FROM {table} GROUP BY 1, 2 ORDER BY 1, 2;
            """;
        var result = new List<DayCounts<OutcomeCounts>>();
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<double[]>("negated", NegatedReversed(scoreEdges)));
        command.Parameters.Add(new NpgsqlParameter<int>("noScore", buckets - 1));
        using var reader = command.ExecuteReader();
        OutcomeCounts? counts = null;
        long day = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var d = reader.GetInt64(0);
            if (counts is null || d != day)
            {
                if (counts is not null) result.Add(new(day, counts));
                (counts, day) = (Core.Analysis.Aggregates.OutcomeCounts.Empty(buckets), d);
            }

            var bucket = reader.GetInt32(1);
            counts.Rows[bucket] = reader.GetInt64(2);
            counts.Flagged[bucket] = reader.GetInt64(3);
            counts.Labelled[bucket] = reader.GetInt64(4);
            counts.FlaggedLabelled[bucket] = reader.GetInt64(5);
            counts.Positives[bucket] = reader.GetInt64(6);
            counts.FlaggedPositives[bucket] = reader.GetInt64(7);
        }

        if (counts is not null) result.Add(new(day, counts));
        return result;
    }

    /// <summary>
    /// The sampled rows in day and file order: each day's step and seeded offset are computed here from <c>log_days</c>
    /// (exactly as <see cref="RowSampler"/> does), and the server returns the rows with <c>(row_in_day − offset) % step = 0</c>.
    /// </summary>
    public DatasetFrame Sample(string datasetId, RowSampling sampling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var table = Table(datasetId);
        var columns = Columns(datasetId);
        using var connection = _dataSource.OpenConnection();
        var days = connection.Query<(long Day, long Rows)>($"SELECT day, rows FROM {_schema}.log_days WHERE dataset_id = @datasetId ORDER BY day;",
            new { datasetId }).ToList();
        var dayArray = new long[days.Count];
        var steps = new int[days.Count];
        var offsets = new int[days.Count];
        var count = 0;
        for (var d = 0; d < days.Count; d++)
        {
            var rows = checked((int)days[d].Rows);
            dayArray[d] = days[d].Day;
            steps[d] = sampling.Step(rows);
            offsets[d] = sampling.Offset(days[d].Day, steps[d]);
            count += (rows - offsets[d] + steps[d] - 1) / steps[d];
        }

        var frame = EmptyFrame(datasetId, columns, count);
        var featureList = string.Concat(columns.Select(c => ", " + c.Name));
        using var command = new NpgsqlCommand($"""
            SELECT t.ts, t.score, t.prediction, t.label, t.label_known_at{featureList}
            FROM {table} t JOIN unnest(@days, @steps, @offsets) AS s(day, step, first) ON s.day = t.day
            WHERE t.row_in_day >= s.first AND (t.row_in_day - s.first) % s.step = 0
            ORDER BY t.day, t.row_in_day;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long[]>("days", dayArray));
        command.Parameters.Add(new NpgsqlParameter<int[]>("steps", steps));
        command.Parameters.Add(new NpgsqlParameter<int[]>("offsets", offsets));
        using var reader = command.ExecuteReader();
        var row = 0;
        while (reader.Read())
        {
            if (row == count) throw new InvalidDataException($"dataset '{datasetId}' has more rows in PostgreSQL than its day counts");
            if ((row & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            frame.Timestamps[row] = reader.GetInt64(0);
            frame.Scores[row] = reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1);
            frame.Predictions[row] = (byte)reader.GetInt16(2);
            frame.Labels[row] = (sbyte)reader.GetInt16(3);
            frame.LabelKnownAt[row] = reader.GetInt64(4);
            for (var c = 0; c < columns.Count; c++)
            {
                var ordinal = 5 + c;
                switch (frame.Features[columns[c].Feature])
                {
                    case NumericColumn n: n.Values[row] = reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal); break;
                    case CategoricalColumn k: k.Codes[row] = reader.IsDBNull(ordinal) ? CategoricalColumn.Missing : reader.GetInt32(ordinal); break;
                }
            }

            row++;
        }

        if (row != count) throw new InvalidDataException($"dataset '{datasetId}' has {row} sampled rows in PostgreSQL, its day counts promise {count}");
        return frame;
    }

    /// <summary>
    /// Copies a dataset's production rows from the SQLite store into a new table with binary COPY, a week of days at a
    /// time read column-wise from the chunks, then replaces any earlier copy of the dataset in one transaction.
    /// </summary>
    /// <returns>The rows copied.</returns>
    /// <exception cref="KeyNotFoundException">SQLite has no such dataset.</exception>
    public long CopyFrom(DatasetStore source, string datasetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var info = source.Find(datasetId) ?? throw new KeyNotFoundException($"no dataset '{datasetId}' in the SQLite database");
        EnsureSchema();
        var features = info.Card.Features;
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var table = "predictions_" + connection.ExecuteScalar<long>($"SELECT nextval('{_schema}.log_table_seq');", transaction: transaction);
        var qualified = $"{_schema}.{table}";
        var columnDefinitions = string.Concat(features.Select((f, i) =>
            $", f{i + 1} {(f.Type == FeatureType.Categorical ? "integer" : "double precision")}"));
        connection.Execute($"""
            CREATE TABLE {qualified} (day bigint NOT NULL, row_in_day integer NOT NULL, ts bigint NOT NULL, score double precision,
                prediction smallint NOT NULL, label smallint NOT NULL, label_known_at bigint NOT NULL{columnDefinitions});
            """, transaction: transaction);

        var days = source.DailyStats(datasetId).Where(s => s.Source == Import.DatasetImporter.ProductionSource && s.Rows > 0).Select(s => s.Day).ToList();
        var dayRows = new List<(long Day, long Rows)>();
        long copied = 0;
        using (var importer = connection.BeginBinaryImport($"""
            COPY {qualified} (day, row_in_day, ts, score, prediction, label, label_known_at{string.Concat(features.Select((_, i) => $", f{i + 1}"))})
            FROM STDIN (FORMAT BINARY);
            """))
        {
            foreach (var (from, to) in Aggregates.ChunkAggregateSource.DayBlocks(days, CopyBlockDays))
            {
                var frame = source.LoadProduction(datasetId, null, from, to);
                var columns = features.Select(f => frame.Features[f.Name]).ToArray();
                var rowInDay = 0;
                for (var i = 0; i < frame.Count; i++)
                {
                    if ((i & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                    var day = UtcDays.DayIndex(frame.Timestamps[i]);
                    if (dayRows.Count == 0 || dayRows[^1].Day != day)
                    {
                        dayRows.Add((day, 0));
                        rowInDay = 0;
                    }

                    dayRows[^1] = (day, dayRows[^1].Rows + 1);
                    importer.StartRow();
                    importer.Write(day, NpgsqlDbType.Bigint);
                    importer.Write(rowInDay++, NpgsqlDbType.Integer);
                    importer.Write(frame.Timestamps[i], NpgsqlDbType.Bigint);
                    WriteDouble(importer, frame.Scores[i]);
                    importer.Write((short)frame.Predictions[i], NpgsqlDbType.Smallint);
                    importer.Write((short)frame.Labels[i], NpgsqlDbType.Smallint);
                    importer.Write(frame.LabelKnownAt[i], NpgsqlDbType.Bigint);
                    foreach (var column in columns)
                    {
                        if (column is CategoricalColumn categorical)
                        {
                            var code = categorical.Codes[i];
                            if (code < 0) importer.WriteNull();
                            else importer.Write(code, NpgsqlDbType.Integer);
                        }
                        else WriteDouble(importer, ((NumericColumn)column).Values[i]);
                    }
                }

                copied += frame.Count;
            }

            importer.Complete();
        }

        connection.Execute($"ALTER TABLE {qualified} ADD PRIMARY KEY (day, row_in_day);", transaction: transaction);
        var previous = connection.ExecuteScalar<string?>($"SELECT table_name FROM {_schema}.log_datasets WHERE dataset_id = @datasetId;",
            new { datasetId }, transaction);
        connection.Execute($"DELETE FROM {_schema}.log_datasets WHERE dataset_id = @datasetId;", new { datasetId }, transaction);
        if (previous is not null) connection.Execute($"DROP TABLE IF EXISTS {_schema}.{previous};", transaction: transaction);
        connection.Execute($"INSERT INTO {_schema}.log_datasets (dataset_id, table_name, rows) VALUES (@datasetId, @table, @copied);",
            new { datasetId, table, copied }, transaction);
        connection.Execute($"""
            INSERT INTO {_schema}.log_columns (dataset_id, feature, column_name, kind)
            SELECT @datasetId, f.feature, 'f' || f.n, f.kind FROM unnest(@names, @kinds) WITH ORDINALITY AS f(feature, kind, n);
            """, new
        {
            datasetId,
            names = features.Select(f => f.Name).ToArray(),
            kinds = features.Select(f => f.Type == FeatureType.Categorical ? ColumnKind.Categorical : ColumnKind.Numeric).ToArray(),
        }, transaction);
        connection.Execute($"""
            INSERT INTO {_schema}.log_days (dataset_id, day, rows) SELECT @datasetId, d.day, d.rows FROM unnest(@days, @rows) AS d(day, rows);
            """, new { datasetId, days = dayRows.Select(d => d.Day).ToArray(), rows = dayRows.Select(d => d.Rows).ToArray() }, transaction);
        transaction.Commit();
        connection.Execute($"ANALYZE {qualified};");
        return copied;
    }

    /// <summary>Whether the dataset has been copied into this store.</summary>
    public bool Contains(string datasetId)
    {
        EnsureSchema();
        using var connection = _dataSource.OpenConnection();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {_schema}.log_datasets WHERE dataset_id = @datasetId;", new { datasetId }) > 0;
    }

    /// <summary>Drops the dataset's rows; false when it was not there.</summary>
    public bool Delete(string datasetId)
    {
        EnsureSchema();
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var table = connection.ExecuteScalar<string?>($"DELETE FROM {_schema}.log_datasets WHERE dataset_id = @datasetId RETURNING table_name;",
            new { datasetId }, transaction);
        if (table is not null) connection.Execute($"DROP TABLE IF EXISTS {_schema}.{table};", transaction: transaction);
        transaction.Commit();
        return table is not null;
    }

    /// <summary>Drops the schema and every table in it (tests, and a full reset).</summary>
    public void DropSchema()
    {
        using var connection = _dataSource.OpenConnection();
        connection.Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
        _schemaCreated = false;
    }

    public void Dispose() => _dataSource.Dispose();

    private void EnsureSchema()
    {
        if (_schemaCreated) return;
        lock (_schemaLock)
        {
            if (_schemaCreated) return;
            using var connection = _dataSource.OpenConnection();
            connection.Execute($"""
                CREATE SCHEMA IF NOT EXISTS {_schema};
                CREATE SEQUENCE IF NOT EXISTS {_schema}.log_table_seq;
                CREATE TABLE IF NOT EXISTS {_schema}.log_datasets (
                    dataset_id text PRIMARY KEY, table_name text NOT NULL UNIQUE, rows bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE IF NOT EXISTS {_schema}.log_columns (
                    dataset_id text NOT NULL REFERENCES {_schema}.log_datasets ON DELETE CASCADE, feature text NOT NULL,
                    column_name text NOT NULL, kind text NOT NULL, PRIMARY KEY (dataset_id, feature));
                CREATE TABLE IF NOT EXISTS {_schema}.log_days (
                    dataset_id text NOT NULL REFERENCES {_schema}.log_datasets ON DELETE CASCADE, day bigint NOT NULL,
                    rows bigint NOT NULL, PRIMARY KEY (dataset_id, day));
                """);
            _schemaCreated = true;
        }
    }

    private string Table(string datasetId)
    {
        EnsureSchema();
        using var connection = _dataSource.OpenConnection();
        var table = connection.ExecuteScalar<string?>($"SELECT table_name FROM {_schema}.log_datasets WHERE dataset_id = @datasetId;", new { datasetId })
            ?? throw new KeyNotFoundException($"dataset '{datasetId}' is not in the PostgreSQL log store (schema {_schema}): copy it there first");
        return $"{_schema}.{table}";
    }

    private (string Table, StoredColumn? Column) Locate(string datasetId, string feature)
    {
        var table = Table(datasetId);
        return (table, Columns(datasetId).FirstOrDefault(c => c.Feature == feature));
    }

    private List<StoredColumn> Columns(string datasetId)
    {
        using var connection = _dataSource.OpenConnection();
        return connection.Query<(string Feature, string Name, string Kind)>(
                $"SELECT feature, column_name, kind FROM {_schema}.log_columns WHERE dataset_id = @datasetId ORDER BY substr(column_name, 2)::int;",
                new { datasetId })
            .Select(c => new StoredColumn(c.Feature, c.Name, c.Kind))
            .ToList();
    }

    private DatasetFrame EmptyFrame(string datasetId, List<StoredColumn> columns, int count)
    {
        var card = Card(datasetId);
        var features = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var spec = card.Feature(column.Feature) ?? throw new InvalidDataException($"the card of '{datasetId}' no longer declares '{column.Feature}'");
            features[column.Feature] = column.Kind == ColumnKind.Categorical
                ? new CategoricalColumn(spec, new int[count], Categories(datasetId, column.Feature))
                : new NumericColumn(spec, new double[count]);
        }

        return new DatasetFrame
        {
            Timestamps = new long[count],
            Scores = new double[count],
            Predictions = new byte[count],
            Labels = new sbyte[count],
            LabelKnownAt = new long[count],
            Features = features,
        };
    }

    private List<DayCounts<CategoryCounts>> PerDayCategories(string sql, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        var result = new List<DayCounts<CategoryCounts>>();
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        long day = 0, rows = 0, missing = 0, nonBinary = 0;
        List<string>? names = null;
        var counts = new List<long>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var d = reader.GetInt64(0);
            if (names is null || d != day)
            {
                if (names is not null) result.Add(new(day, new CategoryCounts(rows, missing, nonBinary, [.. names], [.. counts])));
                (names, day, rows, missing, nonBinary) = ([], d, 0, 0, 0);
                counts.Clear();
            }

            var code = reader.GetInt32(1);
            var count = reader.GetInt64(2);
            rows += count;
            nonBinary += reader.GetInt64(3);
            if (code < 0) missing += count;
            else if (code >= categories.Count) throw new InvalidDataException($"Category code {code} is outside the column's {categories.Count} categories.");
            else
            {
                // Rows come ordered by code, so the names come in the column's category order.
                names.Add(categories[code]);
                counts.Add(count);
            }
        }

        if (names is not null) result.Add(new(day, new CategoryCounts(rows, missing, nonBinary, [.. names], [.. counts])));
        return result;
    }

    private IEnumerable<(long Day, int Cell, long Count)> Grouped(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
        }
    }

    private ModelCard Card(string datasetId)
    {
        using var connection = metadata.Open();
        return ModelCardJson.Deserialize(connection.QuerySingleOrDefault<string>("SELECT card_json FROM datasets WHERE id = @id;", new { id = datasetId })
            ?? throw new KeyNotFoundException($"no dataset '{datasetId}' in the SQLite database"));
    }

    private List<string> Categories(string datasetId, string feature)
    {
        using var connection = metadata.Open();
        return connection.Query<string>("SELECT value FROM categories WHERE dataset_id = @id AND column_name = @column ORDER BY code;",
            new { id = datasetId, column = feature }).ToList();
    }

    /// <summary>The cuts negated and reversed (ascending), so <c>width_bucket(−v, ·)</c> counts the cuts ≥ v.</summary>
    private static double[] NegatedReversed(double[] cuts)
    {
        var result = new double[cuts.Length];
        for (var i = 0; i < cuts.Length; i++) result[cuts.Length - 1 - i] = -cuts[i];
        return result;
    }

    private static void WriteDouble(NpgsqlBinaryImporter importer, double value)
    {
        // NaN is missing; PostgreSQL orders NaN above every number and equal to itself, so it must not reach a comparison.
        if (double.IsNaN(value)) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Double);
    }

    private static string ValidSchema(string schema) =>
        SchemaName().IsMatch(schema) ? schema : throw new ArgumentException($"'{schema}' is not a lower-case PostgreSQL identifier", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    private static class ColumnKind
    {
        public const string Numeric = "numeric";
        public const string Categorical = "categorical";
    }

    private sealed record StoredColumn(string Feature, string Name, string Kind);
}
