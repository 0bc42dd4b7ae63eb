using Microsoft.Data.Sqlite;

namespace DriftBoard.Cli.Tests.TestSupport;

/// <summary>
/// Row counts of every DriftBoard table and the listed dataset ids, read straight from the file, to show that a failed
/// import changed nothing at all (not only what the store's listing shows).
/// </summary>
public sealed record DatabaseSnapshot(string Datasets, long ColumnChunks, long ChunkRows, long DayStats, long Categories, long DatasetColumns, long Quarantine)
{
    public static DatabaseSnapshot Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return new DatabaseSnapshot(
            string.Join(",", Query<string>(connection, "SELECT id || ':' || rows FROM datasets ORDER BY id;")),
            Count(connection, "SELECT COUNT(*) FROM column_chunks;"),
            Count(connection, "SELECT COALESCE(SUM(row_count), 0) FROM column_chunks;"),
            Count(connection, "SELECT COUNT(*) FROM day_stats;"),
            Count(connection, "SELECT COUNT(*) FROM categories;"),
            Count(connection, "SELECT COUNT(*) FROM dataset_columns;"),
            Count(connection, "SELECT COUNT(*) FROM quarantine;"));
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
