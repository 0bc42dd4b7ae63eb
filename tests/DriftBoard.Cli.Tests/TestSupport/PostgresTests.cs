namespace DriftBoard.Cli.Tests.TestSupport;

/// <summary>
/// Test classes that write to the PostgreSQL log store's default schema: one at a time, since two first writers would
/// race to create the schema.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class PostgresTests
{
    public const string Collection = "PostgreSQL default schema";
}
