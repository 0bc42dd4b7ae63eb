using System.IO.Compression;
using System.Text.RegularExpressions;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Store;
using static Microsoft.Playwright.Assertions;

namespace DriftBoard.Web.Tests.EndToEnd;

/// <summary>Uploads a small generated dataset folder, zipped as a user would zip it, through <c>/import</c>.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ImportUploadTests(DashboardServer server)
{
    // Small enough to upload and import in a few seconds; a name of its own so it never collides with the fixture's incident.
    private static readonly DemoScenarioOptions Scenario = new(PerDay: 300, Days: 90, RandomizeNames: true, TrainingRows: 6_000);
    private const string UploadName = "Uploaded in the browser";

    [Fact]
    public async Task A_zipped_dataset_folder_uploaded_on_the_import_page_opens_as_its_dataset()
    {
        var root = server.NewFolder("upload-");
        var folder = Path.Combine(root, "incident");
        DemoDatasetWriter.Write(folder, DemoScenarios.Create(IncidentKind.UnitChange, seed: 77, Scenario));
        var zip = Path.Combine(root, "incident.zip");
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        var expectedId = DatasetId.Slug(UploadName);

        await using var session = await server.OpenAsync(nameof(A_zipped_dataset_folder_uploaded_on_the_import_page_opens_as_its_dataset), Storage.Users.UserRole.Author);
        var page = session.Page;
        await session.GoToAsync("/import");
        // Blazor wires the file input once the interactive circuit rendered it; files chosen before that would be lost.
        await page.WaitForFunctionAsync("() => document.getElementById('import-files')?._blazorInputFileNextFileId !== undefined");
        var name = page.GetByLabel("Dataset name (optional)");
        await name.FillAsync(UploadName);
        await name.PressAsync("Tab");
        await session.ScreenshotAsync("import");

        await page.Locator("#import-files").SetInputFilesAsync(zip);
        var datasetPath = "/datasets/" + Uri.EscapeDataString(expectedId);
        // The page may add its analysis choice to the address (?window=…&reference=…).
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(server.BaseAddress + datasetPath) + @"(\?.*)?$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(UploadName);
        await Expect(page.GetByTestId("performance-chart").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await session.ScreenshotAsync("imported");
        session.AssertNoBrowserErrors();
    }
}
