using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Tests.Storage;

namespace DriftBoard.Storage.Tests.Aggregates;

/// <summary>The analysis on a row sample keeps the whole log's counts and the diagnosis of the analysis on every row.</summary>
public sealed class SampledAnalysisTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "driftboard-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Counts_come_from_every_row_and_the_root_cause_holds_on_a_sample()
    {
        DemoDatasetWriter.Write(_folder, DemoSettings.Default with { PerDay = 400, TrainingRows = 20_000 });
        var id = new DatasetImporter(_db.Database).Import(_folder, new ImportOptions(), null, CancellationToken.None).DatasetId;

        var whole = await new DatasetAnalyzer(_db.Store).AnalyzeAsync(id);
        var sampled = await new DatasetAnalyzer(_db.Store, new RowSampling(MaxRowsPerDay: 200)).AnalyzeAsync(id);
        var monthly = await new DatasetAnalyzer(_db.Store, new RowSampling(MaxRowsPerDay: 200)).AnalyzeAsync(id, new DiagnosisOptions { Window = WindowSize.Month });

        Assert.Equal(whole.Dataset.Rows, sampled.Dataset.Rows);
        Assert.Equal(whole.Dataset.LabelledRows, sampled.Dataset.LabelledRows);
        Assert.Equal(whole.Performance.Select(w => (w.Rows, w.Positives, w.TruePositives, w.Flagged)),
            sampled.Performance.Select(w => (w.Rows, w.Positives, w.TruePositives, w.Flagged)));
        Assert.Equal(whole.Drift.Where(s => s.Type != DriftBoard.Core.Analysis.Report.DriftSeriesType.Score).Select(s => s.Windows.Select(w => w.Psi)).SelectMany(x => x),
            sampled.Drift.Where(s => s.Type != DriftBoard.Core.Analysis.Report.DriftSeriesType.Score).Select(s => s.Windows.Select(w => w.Psi)).SelectMany(x => x));
        Assert.Equal(whole.RootCause.Category, sampled.RootCause.Category);
        Assert.Equal(whole.RootCause.Features, sampled.RootCause.Features);
        Assert.Equal(whole.Performance.Sum(w => w.Rows), monthly.Performance.Sum(w => w.Rows));
        Assert.Contains(sampled.Notes, n => n.Contains("uniform sample", StringComparison.Ordinal));
        Assert.DoesNotContain(whole.Notes, n => n.Contains("uniform sample", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _db.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
