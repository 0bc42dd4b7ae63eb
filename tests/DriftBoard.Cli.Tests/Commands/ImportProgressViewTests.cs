using DriftBoard.Storage;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class ImportProgressViewTests
{
    [Fact]
    public void The_rate_counts_from_the_start_of_the_stage_not_of_the_import()
    {
        // The training stage started 10 s into the import and has read 200,000 rows in the 2 s since.
        var progress = new ImportProgress("training", "/data/training.csv", 200_000, 5, 10, TimeSpan.FromSeconds(12));

        Assert.Equal("training training.csv: 200,000 rows, 100,000 rows/s", ImportProgressView.Describe(progress, TimeSpan.FromSeconds(10)));
        Assert.Equal("training training.csv: 0 rows, 0 rows/s",
            ImportProgressView.Describe(progress with { Rows = 0 }, TimeSpan.FromSeconds(12)));
    }
}
