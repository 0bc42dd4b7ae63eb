using DriftBoard.Storage.Analysis;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Theming;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>A bUnit context wired like the app for the pages under <c>/datasets/{id}</c>, over the demo dataset's real analyzer.</summary>
public abstract class DatasetPageTest : MudPageTest
{
    protected DatasetPageTest(DemoDataset demo)
    {
        Demo = demo;
        Services.AddSingleton(new DatasetCatalog(demo.Store.List));
        Services.AddSingleton(demo.Analyzer);
        Services.AddSingleton(new DatasetReports(
            (id, selection, progress, ct) => demo.Analyzer.AnalyzeAsync(id, selection.ToOptions(), progress, ct),
            static (_, _) => null));
        Services.AddScoped<AnalysisChoice>();
        Services.AddSingleton<DriftBoardTheme>();
        Services.AddScoped<ThemeState>();
        Services.AddPostmortemDrafting(demo.Database);
    }

    protected DemoDataset Demo { get; }

    /// <summary>Long enough for the first analysis of the demo on a busy two-core machine.</summary>
    protected static readonly TimeSpan AnalysisWait = TimeSpan.FromMinutes(3);

    protected Task<DriftBoard.Core.Analysis.Report.AnalysisReport> DefaultReport() =>
        Demo.Analyzer.AnalyzeAsync(Demo.DatasetId, AnalysisSelection.Default.ToOptions());
}
