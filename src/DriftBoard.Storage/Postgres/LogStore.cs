using System.Data.Common;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Storage.Aggregates;
using DriftBoard.Storage.Database;

namespace DriftBoard.Storage.Postgres;

/// <summary>
/// Picks the production log store from one setting (CLI <c>--log-store</c>; for the web app, <c>DriftBoard:LogStore</c> once wired): a PostgreSQL
/// connection string (it names a <c>Host</c> or <c>Server</c>) reads the per-day counts and the row sample from
/// PostgreSQL; empty, or anything else, reads them from the SQLite app database's column chunks. Metadata always stays in SQLite.
/// </summary>
public static class LogStore
{
    /// <summary>Whether <paramref name="setting"/> is a PostgreSQL (Npgsql) connection string.</summary>
    public static bool IsPostgres(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return false;
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = setting;
        }
        catch (ArgumentException)
        {
            return false;
        }

        return builder.ContainsKey("Host") || builder.ContainsKey("Server");
    }

    /// <summary>The store for <paramref name="setting"/>; dispose it when it is <see cref="IDisposable"/> (the PostgreSQL one holds a connection pool).</summary>
    public static IWindowAggregateSource Open(string? setting, DriftBoardDatabase database, string schema = PostgresLogStore.DefaultSchema) =>
        IsPostgres(setting) ? new PostgresLogStore(setting!, database, schema) : new ChunkAggregateSource(database);
}
