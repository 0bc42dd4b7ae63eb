using DriftBoard.Storage.Database;

namespace DriftBoard.Storage.Import;

/// <summary>What a stored column is to the dataset; written to <c>dataset_columns.role</c>.</summary>
internal static class ColumnRole
{
    public const string Id = "id";
    public const string Timestamp = "timestamp";
    public const string Score = "score";
    public const string Prediction = "prediction";
    public const string Label = "label";
    public const string LabelKnownAt = "label_known_at";
    public const string Feature = "feature";
    public const string Extra = "extra";
}

/// <summary>
/// Chunk column names of the columns every dataset has. They start with '@' so they never collide with a file's column names;
/// features and extra columns keep their file names (the card may not declare a feature whose name starts with '@').
/// </summary>
internal static class SystemColumn
{
    public const string Prefix = "@";
    public const string Id = "@id";
    public const string Timestamp = "@ts";
    public const string Score = "@score";
    public const string Prediction = "@prediction";
    public const string Label = "@label";
    public const string LabelKnownAt = "@label_known_at";
}

/// <summary>One stored column: its chunk name, role, type, encoding and where its text comes from in the file (-1: derived).</summary>
internal sealed record StoredColumn(string Name, string Role, string Type, string Encoding, string? FileColumn, int FileIndex);

/// <summary>The stored columns of one source, grouped by encoding; a row's values travel in a <see cref="RowValues"/> in the same order.</summary>
internal sealed class TableLayout(
    IReadOnlyList<StoredColumn> f64,
    IReadOnlyList<StoredColumn> i64,
    IReadOnlyList<StoredColumn> i32,
    IReadOnlyList<StoredColumn> i8,
    IReadOnlyList<StoredColumn> str)
{
    public IReadOnlyList<StoredColumn> F64 { get; } = f64;
    public IReadOnlyList<StoredColumn> I64 { get; } = i64;
    public IReadOnlyList<StoredColumn> I32 { get; } = i32;
    public IReadOnlyList<StoredColumn> I8 { get; } = i8;
    public IReadOnlyList<StoredColumn> Str { get; } = str;

    public IEnumerable<StoredColumn> All => I64.Concat(F64).Concat(I8).Concat(I32).Concat(Str);

    public static StoredColumn Derived(string name, string role, string type, string encoding) =>
        new(name, role, type, encoding, null, -1);

    public static StoredColumn FromFile(string name, string role, string type, string encoding, string fileColumn, int fileIndex) =>
        new(name, role, type, encoding, fileColumn, fileIndex);
}

/// <summary>The parsed values of the current row, one slot per fixed-width stored column; reused for every row.</summary>
internal sealed class RowValues(TableLayout layout)
{
    public readonly double[] F64 = new double[layout.F64.Count];
    public readonly long[] I64 = new long[layout.I64.Count];
    public readonly int[] I32 = new int[layout.I32.Count];
    public readonly sbyte[] I8 = new sbyte[layout.I8.Count];
}

/// <summary>Encoding names by feature type.</summary>
internal static class FeatureEncoding
{
    public static string For(Core.Domain.FeatureType type) =>
        type == Core.Domain.FeatureType.Categorical ? ChunkEncoding.I32 : ChunkEncoding.F64;

    public static string TypeName(Core.Domain.FeatureType type) => type.ToString().ToLowerInvariant();
}
