using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.Store;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Import;

/// <summary>The state of one import inside its transaction: the label index, category codes, quarantine and counters.</summary>
internal sealed class ImportRun(
    SqliteConnection connection,
    SqliteTransaction transaction,
    string datasetId,
    ModelCard card,
    DatasetFiles files,
    ImportPacer pacer) : IDisposable
{
    private readonly Dictionary<ulong, LabelEntry> _labels = [];
    private readonly Dictionary<string, CategoryCodes> _categories = card.Features
        .Where(f => f.Type == FeatureType.Categorical)
        .ToDictionary(f => f.Name, f => new CategoryCodes(f.Values), StringComparer.Ordinal);
    private readonly DayStatsAccumulator _productionStats = new();
    private readonly DayStatsAccumulator _trainingStats = new();
    private readonly List<(string Source, TableLayout Layout)> _layouts = [];
    private QuarantineLog? _quarantine;
    private long _labelRows, _productionRowsRead, _trainingRowsRead, _asOfMs, _latestLabelMs = long.MinValue;
    private long? _firstEventMs, _lastEventMs;

    /// <summary>One label of the labels file; <see cref="Matched"/> once a prediction row used it.</summary>
    private struct LabelEntry
    {
        public long TimeMs;
        public long Line;
        public sbyte Label;
        public bool Matched;
    }

    public long ProductionRows { get; private set; }
    public long TrainingRows { get; private set; }
    public long ProductionRowsRead => _productionRowsRead;
    public long LabelledRows => _productionStats.Labelled;
    public long Quarantined => Quarantine.Count;
    private QuarantineLog Quarantine => _quarantine ??= new QuarantineLog(connection, transaction, datasetId);

    public void ReplaceOrRefuse(bool replace)
    {
        using var exists = Command("SELECT COUNT(*) FROM datasets WHERE id = $id;");
        exists.Parameters.AddWithValue("$id", datasetId);
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        if (!replace) throw new DatasetExistsException(datasetId);
        DatasetStore.DeleteRows(connection, transaction, datasetId);
    }

    public void InsertDataset(string name, long importedAtMs)
    {
        using var insert = Command("""
            INSERT INTO datasets (id, name, model, version, card_json, as_of_ms, imported_at_ms)
            VALUES ($id, $name, $model, $version, $card, 0, $importedAt);
            """);
        insert.Parameters.AddWithValue("$id", datasetId);
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$model", card.Model);
        insert.Parameters.AddWithValue("$version", card.Version);
        insert.Parameters.AddWithValue("$card", ModelCardJson.Serialize(card));
        insert.Parameters.AddWithValue("$importedAt", importedAtMs);
        insert.ExecuteNonQuery();
        if (card.Labels is PositiveEventsLabels events) _asOfMs = events.AsOf.ToUnixTimeMilliseconds();
    }

    /// <summary>Reads the labels file into the id-hash → label index.</summary>
    public void ReadLabels()
    {
        var reader = files.Labels;
        var idIndex = FeatureParser.IndexOf(reader.Columns, card.Labels.IdColumn);
        var (timeColumn, labelColumn) = card.Labels switch
        {
            PositiveEventsLabels events => (events.TimestampColumn, null),
            ExplicitLabels explicitLabels => (explicitLabels.TimestampColumn, explicitLabels.LabelColumn),
            _ => throw new UnreachableException(),
        };
        var timeIndex = timeColumn is null ? -1 : FeatureParser.IndexOf(reader.Columns, timeColumn);
        var labelIndex = labelColumn is null ? -1 : FeatureParser.IndexOf(reader.Columns, labelColumn);
        pacer.Stage("labels", reader.FilePath, 0, 0, reader.TotalBytes);
        long rows = 0;
        while (reader.Read())
        {
            pacer.Row("labels", reader, ++rows);
            if (MalformedRow(reader)) continue;
            var id = reader.Get(idIndex);
            if (ValueParser.IsMissing(id))
            {
                Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.Labels.IdColumn, id, "missing id"));
                continue;
            }
            var entry = new LabelEntry { Line = reader.Line, Label = LabelValue.Positive, TimeMs = LabelMaturity.NoTime };
            if (labelIndex >= 0)
            {
                var text = reader.Get(labelIndex);
                if (!LabelMaturity.TryParseLabel(text, card.PositiveLabel, out entry.Label))
                {
                    Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(labelColumn!, text, "missing label"));
                    continue;
                }
            }
            if (timeIndex >= 0)
            {
                var text = reader.Get(timeIndex);
                // An explicit label without its own time is known at the prediction's time; a positive event needs its time.
                var optional = labelIndex >= 0 && ValueParser.IsMissing(text);
                if (!optional && !TryTimestamp(reader, timeIndex, timeColumn!, out entry.TimeMs)) continue;
            }
            if (!_labels.TryAdd(IdHash.Of(id), entry))
            {
                Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.Labels.IdColumn, id, "duplicate id"));
                continue;
            }
            if (entry.TimeMs != LabelMaturity.NoTime) _latestLabelMs = Math.Max(_latestLabelMs, entry.TimeMs);
        }
        _labelRows = rows;
    }

    /// <summary>Streams the predictions file into production chunks, attaching each row's label as known at as-of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one long loop, entered once: skip the unoptimized tier
    public void ReadPredictions()
    {
        var reader = files.Predictions;
        var columns = reader.Columns;
        int idIndex = FeatureParser.IndexOf(columns, card.IdColumn),
            tsIndex = FeatureParser.IndexOf(columns, card.TimestampColumn),
            scoreIndex = FeatureParser.IndexOf(columns, card.ScoreColumn),
            predictionIndex = card.PredictionColumn is null ? -1 : FeatureParser.IndexOf(columns, card.PredictionColumn);

        // Slot order: I64 [ts, label_known_at], F64 [score, features], I8 [prediction, label], I32 [categoricals], Str [id, extras].
        var declared = new HashSet<string>(card.Features.Select(f => f.Name), StringComparer.Ordinal)
            { card.IdColumn, card.TimestampColumn, card.ScoreColumn };
        if (card.PredictionColumn is not null) declared.Add(card.PredictionColumn);
        var extras = columns.Select((name, index) => (name, index)).Where(c => !declared.Contains(c.name))
            .Select(c => TableLayout.FromFile(
                c.name.StartsWith(SystemColumn.Prefix, StringComparison.Ordinal) ? "@file:" + c.name : c.name,
                ColumnRole.Extra, "text", ChunkEncoding.Str, c.name, c.index));
        var layout = new TableLayout(
            f64: [TableLayout.FromFile(SystemColumn.Score, ColumnRole.Score, "numeric", ChunkEncoding.F64, card.ScoreColumn, scoreIndex),
                .. FeatureParser.Columns(card.Features, columns, categorical: false)],
            i64: [TableLayout.FromFile(SystemColumn.Timestamp, ColumnRole.Timestamp, "timestamp", ChunkEncoding.I64, card.TimestampColumn, tsIndex),
                TableLayout.Derived(SystemColumn.LabelKnownAt, ColumnRole.LabelKnownAt, "timestamp", ChunkEncoding.I64)],
            i32: [.. FeatureParser.Columns(card.Features, columns, categorical: true)],
            i8: [card.PredictionColumn is null
                    ? TableLayout.Derived(SystemColumn.Prediction, ColumnRole.Prediction, "boolean", ChunkEncoding.I8)
                    : TableLayout.FromFile(SystemColumn.Prediction, ColumnRole.Prediction, "boolean", ChunkEncoding.I8, card.PredictionColumn, predictionIndex),
                TableLayout.Derived(SystemColumn.Label, ColumnRole.Label, "label", ChunkEncoding.I8)],
            str: [TableLayout.FromFile(SystemColumn.Id, ColumnRole.Id, "text", ChunkEncoding.Str, card.IdColumn, idIndex), .. extras]);
        _layouts.Add((DatasetImporter.ProductionSource, layout));

        var features = new FeatureParser(card.Features, columns, f64Offset: 1, i32Offset: 0, _categories);
        var row = new RowValues(layout);
        var seen = new HashSet<ulong>();
        var positiveEvents = card.Labels as PositiveEventsLabels;
        using var chunks = new ChunkTable(connection, transaction, datasetId, DatasetImporter.ProductionSource, layout);
        pacer.Stage("predictions", reader.FilePath, 0, 0, reader.TotalBytes);
        long rows = 0, accepted = 0, first = long.MaxValue, last = long.MinValue;
        while (reader.Read())
        {
            pacer.Row("predictions", reader, ++rows);
            if (MalformedRow(reader)) continue;
            var id = reader.Get(idIndex);
            if (ValueParser.IsMissing(id))
            {
                Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.IdColumn, id, "missing id"));
                continue;
            }
            if (!TryTimestamp(reader, tsIndex, card.TimestampColumn, out var ts)) continue;
            var scoreText = reader.Get(scoreIndex);
            var score = double.NaN;
            if (ValueParser.TryParseDouble(scoreText, out score) == ParseOutcome.Invalid)
            {
                Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.ScoreColumn, scoreText, "not a number"));
                continue;
            }
            var prediction = (sbyte)(score >= card.Threshold ? 1 : 0);
            if (predictionIndex >= 0 && !TryPrediction(reader, predictionIndex, ref prediction)) continue;
            if (!features.TryParse(reader, row, out var problem))
            {
                Quarantine.Add(reader.FilePath, reader.Line, problem);
                continue;
            }
            var hash = IdHash.Of(id);
            if (!seen.Add(hash))
            {
                Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.IdColumn, id, "duplicate id"));
                continue;
            }

            ref var label = ref CollectionsMarshal.GetValueRefOrNullRef(_labels, hash);
            var listed = !Unsafe.IsNullRef(ref label);
            if (listed) label.Matched = true;
            var known = positiveEvents is not null
                ? LabelMaturity.FromPositiveEvents(listed, listed ? label.TimeMs : 0, ts, positiveEvents.MaturityDays, _asOfMs)
                : LabelMaturity.FromExplicit(listed, listed ? label.Label : LabelValue.Unknown, listed ? label.TimeMs : 0, ts);

            features.AssignNewCategories(reader, row);
            row.I64[0] = ts;
            row.I64[1] = known.KnownAtMs;
            row.F64[0] = score;
            row.I8[0] = prediction;
            row.I8[1] = known.Label;
            var day = Day(ts);
            chunks.Append(day, row, reader);
            _productionStats.Add(day, score, (byte)prediction, known.Label);
            accepted++;
            first = Math.Min(first, ts);
            last = Math.Max(last, ts);
        }
        chunks.FlushAll();
        ProductionRows = accepted;
        _productionRowsRead = rows;
        if (accepted > 0) (_firstEventMs, _lastEventMs) = (first, last);
        if (positiveEvents is null) _asOfMs = Math.Max(_latestLabelMs, _lastEventMs ?? _latestLabelMs);
    }

    /// <summary>Quarantines labels whose id no prediction has, re-reading the labels file for their id text.</summary>
    /// <summary>A row the reader could not split (wrong field count, broken quoting, invalid JSON) goes to quarantine whole.</summary>
    private bool MalformedRow(ITabularReader reader)
    {
        if (reader.RowError is not { } error) return false;
        Quarantine.Add(reader.FilePath, reader.Line, new RowProblem(null, null, error));
        return true;
    }

    public void QuarantineUnmatchedLabels()
    {
        var unmatched = new HashSet<long>();
        foreach (var entry in _labels.Values)
            if (!entry.Matched) unmatched.Add(entry.Line);
        if (unmatched.Count == 0) return;
        var reader = files.Open(card.Labels.File, "labels.file");
        var idIndex = FeatureParser.IndexOf(reader.Columns, card.Labels.IdColumn);
        pacer.Stage("labels", reader.FilePath, 0, 0, reader.TotalBytes);
        long rows = 0;
        while (reader.Read() && unmatched.Count > 0)
        {
            pacer.Row("labels", reader, ++rows);
            if (unmatched.Remove(reader.Line))
                Quarantine.Add(reader.FilePath, reader.Line,
                    RowProblem.Of(card.Labels.IdColumn, reader.Get(idIndex), "label for an unknown id"));
        }
    }

    /// <summary>Streams the training file into training chunks: features, label and (when the card names one) timestamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadTraining()
    {
        var reader = files.Training;
        var columns = reader.Columns;
        var spec = card.Training;
        var labelIndex = FeatureParser.IndexOf(columns, spec.LabelColumn);
        var tsIndex = spec.TimestampColumn is null ? -1 : FeatureParser.IndexOf(columns, spec.TimestampColumn);
        var layout = new TableLayout(
            f64: [.. FeatureParser.Columns(card.Features, columns, categorical: false)],
            i64: tsIndex < 0 ? []
                : [TableLayout.FromFile(SystemColumn.Timestamp, ColumnRole.Timestamp, "timestamp", ChunkEncoding.I64, spec.TimestampColumn!, tsIndex)],
            i32: [.. FeatureParser.Columns(card.Features, columns, categorical: true)],
            i8: [TableLayout.FromFile(SystemColumn.Label, ColumnRole.Label, "label", ChunkEncoding.I8, spec.LabelColumn, labelIndex)],
            str: []);
        _layouts.Add((DatasetImporter.TrainingSource, layout));

        var features = new FeatureParser(card.Features, columns, f64Offset: 0, i32Offset: 0, _categories);
        var row = new RowValues(layout);
        using var chunks = new ChunkTable(connection, transaction, datasetId, DatasetImporter.TrainingSource, layout);
        pacer.Stage("training", reader.FilePath, 0, 0, reader.TotalBytes);
        long rows = 0, accepted = 0;
        while (reader.Read())
        {
            pacer.Row("training", reader, ++rows);
            if (MalformedRow(reader)) continue;
            long ts = 0;
            if (tsIndex >= 0 && !TryTimestamp(reader, tsIndex, spec.TimestampColumn!, out ts)) continue;
            if (!features.TryParse(reader, row, out var problem))
            {
                Quarantine.Add(reader.FilePath, reader.Line, problem);
                continue;
            }
            // An unlabelled training row still describes the training inputs, so it is kept with an unknown label.
            LabelMaturity.TryParseLabel(reader.Get(labelIndex), card.PositiveLabel, out var label);
            features.AssignNewCategories(reader, row);
            if (tsIndex >= 0) row.I64[0] = ts;
            row.I8[0] = label;
            var day = Day(ts);
            chunks.Append(day, row, reader);
            _trainingStats.Add(day, double.NaN, 0, label);
            accepted++;
        }
        chunks.FlushAll();
        TrainingRows = accepted;
        _trainingRowsRead = rows;
    }

    /// <summary>Fails the import when quarantined rows are more than the allowed share of all rows read.</summary>
    public void CheckBadRowShare(double maxShare)
    {
        var bad = Quarantine.Count;
        var total = _productionRowsRead + _labelRows + _trainingRowsRead;
        if (bad == 0 || bad <= maxShare * total) return;
        var worst = Quarantine.PerFile.MaxBy(p => p.Value);
        var first = Quarantine.First!;
        throw new DatasetContractException(worst.Key,
            $"{bad:N0} bad rows of {total:N0} read ({(double)bad / total:P3}) exceed the allowed {maxShare:P3} " +
            $"({worst.Value:N0} in this file); first: {Path.GetFileName(first.File)} line {first.Line}" +
            $"{(first.Column is null ? "" : $" ({first.Column})")}: {first.Reason} '{first.Value}'; nothing was imported",
            first.Column, first.Line);
    }

    /// <summary>Writes the column list, category dictionaries, per-day aggregates and the dataset's totals.</summary>
    public void WriteMetadata()
    {
        using (var insert = Command("""
            INSERT INTO dataset_columns (dataset_id, source, name, ordinal, role, type, encoding, file_column)
            VALUES ($dataset, $source, $name, $ordinal, $role, $type, $encoding, $fileColumn);
            """))
        {
            foreach (var (source, layout) in _layouts)
            {
                var ordinal = 0;
                foreach (var column in layout.All)
                {
                    insert.Parameters.Clear();
                    insert.Parameters.AddWithValue("$dataset", datasetId);
                    insert.Parameters.AddWithValue("$source", source);
                    insert.Parameters.AddWithValue("$name", column.Name);
                    insert.Parameters.AddWithValue("$ordinal", ordinal++);
                    insert.Parameters.AddWithValue("$role", column.Role);
                    insert.Parameters.AddWithValue("$type", column.Type);
                    insert.Parameters.AddWithValue("$encoding", column.Encoding);
                    insert.Parameters.AddWithValue("$fileColumn", (object?)column.FileColumn ?? DBNull.Value);
                    insert.ExecuteNonQuery();
                }
            }
        }
        using (var insert = Command("INSERT INTO categories (dataset_id, column_name, code, value) VALUES ($dataset, $column, $code, $value);"))
        {
            insert.Parameters.AddWithValue("$dataset", datasetId);
            var column = insert.Parameters.Add("$column", SqliteType.Text);
            var code = insert.Parameters.Add("$code", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            foreach (var (name, codes) in _categories)
            {
                for (var c = 0; c < codes.Values.Count; c++)
                {
                    column.Value = name;
                    code.Value = c;
                    value.Value = codes.Values[c];
                    insert.ExecuteNonQuery();
                }
            }
        }
        _productionStats.Write(connection, transaction, datasetId, DatasetImporter.ProductionSource);
        _trainingStats.Write(connection, transaction, datasetId, DatasetImporter.TrainingSource);

        using var update = Command("""
            UPDATE datasets SET rows = $rows, training_rows = $trainingRows, labelled_rows = $labelled, quarantined_rows = $quarantined,
                first_event_ms = $first, last_event_ms = $last, as_of_ms = $asOf
            WHERE id = $id;
            """);
        update.Parameters.AddWithValue("$id", datasetId);
        update.Parameters.AddWithValue("$rows", ProductionRows);
        update.Parameters.AddWithValue("$trainingRows", TrainingRows);
        update.Parameters.AddWithValue("$labelled", LabelledRows);
        update.Parameters.AddWithValue("$quarantined", Quarantined);
        update.Parameters.AddWithValue("$first", (object?)_firstEventMs ?? DBNull.Value);
        update.Parameters.AddWithValue("$last", (object?)_lastEventMs ?? DBNull.Value);
        update.Parameters.AddWithValue("$asOf", _asOfMs == long.MinValue ? 0 : _asOfMs);
        update.ExecuteNonQuery();
    }

    private bool TryTimestamp(ITabularReader reader, int index, string column, out long ms)
    {
        var text = reader.Get(index);
        if (ValueParser.TryParseTimestamp(text, out ms) == ParseOutcome.Ok)
        {
            if (ms is >= TimestampRange.MinMs and < TimestampRange.MaxMs) return true;
            Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(column, text, TimestampRange.Reason));
            return false;
        }
        Quarantine.Add(reader.FilePath, reader.Line,
            RowProblem.Of(column, text, ValueParser.IsMissing(text) ? "missing timestamp" : "not a timestamp"));
        return false;
    }

    private bool TryPrediction(ITabularReader reader, int index, ref sbyte prediction)
    {
        var text = reader.Get(index);
        if (ValueParser.IsMissing(text)) return true; // fall back to the threshold rule
        if (ValueParser.TryParseBoolean(text, out var flag) == ParseOutcome.Ok) prediction = (sbyte)(flag ? 1 : 0);
        else if (ValueParser.TryParseDouble(text, out var number) == ParseOutcome.Ok) prediction = (sbyte)(number != 0 ? 1 : 0);
        else
        {
            Quarantine.Add(reader.FilePath, reader.Line, RowProblem.Of(card.PredictionColumn!, text, "not a prediction (0/1)"));
            return false;
        }
        return true;
    }

    /// <summary>The UTC day of a Unix-ms time, rounding down for times before 1970.</summary>
    internal static long Day(long unixMs) => unixMs >= 0 ? unixMs / LabelMaturity.DayMs : (unixMs - LabelMaturity.DayMs + 1) / LabelMaturity.DayMs;

    public void Dispose() => _quarantine?.Dispose();

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
