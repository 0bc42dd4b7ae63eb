using System.Net;
using System.Text.Json;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Downloads;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DriftBoard.Web.Tests.Downloads;

public sealed class DownloadEndpointTests(DemoDataset demo) : IClassFixture<DemoDataset>, IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        TestUsers.AddTo(demo.DatabasePath);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", demo.DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false"));
        _client = await _factory.CreateSignedInClientAsync(Storage.Users.UserRole.Viewer);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<AnalysisReport> Expected(AnalysisSelection selection) => demo.Analyzer.AnalyzeAsync(demo.DatasetId, selection.ToOptions());

    [Fact]
    public async Task Report_downloads_are_the_shared_analysis_report()
    {
        var report = await Expected(AnalysisSelection.Default);

        using var json = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{demo.DatasetId}-report.json", json.Content.Headers.ContentDisposition!.FileNameStar ?? json.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(ReportJson.Serialize(report), await json.Content.ReadAsStringAsync());

        using var markdown = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.md?window=week&reference=training");
        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal(ReportMarkdown.Render(report), await markdown.Content.ReadAsStringAsync());

        using var html = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal(DownloadEndpoints.Html(report), page);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<table>", page);
        Assert.Contains($"{report.Dataset.Model} {report.Dataset.Version}: diagnosis</h1>", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public async Task The_window_query_chooses_the_analysis()
    {
        using var response = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.json?window=month");

        var report = ReportJson.Deserialize(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("month", report.Dataset.Window);
        Assert.Equal((await Expected(AnalysisSelection.Default with { Window = Core.Analysis.Windows.WindowSize.Month })).Performance.Count, report.Performance.Count);
    }

    [Fact]
    public async Task Bad_choices_and_unknown_datasets_are_refused()
    {
        using var badWindow = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.json?window=fortnight");
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
        using var badReference = await _client.GetAsync($"/datasets/{demo.DatasetId}/report.md?reference=2026-05-01..2026-04-01");
        Assert.Equal(HttpStatusCode.BadRequest, badReference.StatusCode);
        using var unknown = await _client.GetAsync("/datasets/no-such-dataset/report.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownNotebook = await _client.GetAsync("/datasets/no-such-dataset/notebook.ipynb");
        Assert.Equal(HttpStatusCode.NotFound, unknownNotebook.StatusCode);
    }

    [Fact]
    public async Task Notebook_is_nbformat_4_with_code_reading_the_datasets_own_files()
    {
        using var response = await _client.GetAsync($"/datasets/{demo.DatasetId}/notebook.ipynb");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var notebook = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = notebook.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString())));
        var code = string.Concat(cells.Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("source").EnumerateArray().Select(line => line.GetString())));
        var card = demo.Store.Find(demo.DatasetId)!.Card;
        Assert.Contains($"PREDICTIONS_FILE = \"{card.PredictionsFile}\"", code);
        Assert.Contains($"LABELS_FILE = \"{card.Labels.File}\"", code);
        Assert.Contains($"TRAINING_FILE = \"{card.Training.File}\"", code);
        Assert.Contains("from scipy.stats import ks_2samp", code);
        Assert.Contains("import pandas as pd", code);
        Assert.Contains($"MATURITY_DAYS = {((Core.Domain.PositiveEventsLabels)card.Labels).MaturityDays}", code);
        foreach (var feature in card.Features) Assert.Contains($"\"{feature.Name}\":", code);
    }
}
