using System.IO.Compression;
using Bunit;
using Bunit.TestDoubles;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Components.Pages.Import;
using DriftBoard.Web.Import;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Import;

public sealed class ImportPageTests(DemoDataset demo) : MudPageTest, IClassFixture<DemoDataset>
{
    private static readonly TimeSpan ImportWait = TimeSpan.FromMinutes(2);

    private (IRenderedComponent<ImportPage> Page, string TempRoot, DriftBoardDatabase Database) RenderPage(UploadLimits? limits = null)
    {
        var tempRoot = demo.NewFolder("uploads-");
        var database = new DriftBoardDatabase(Path.Combine(demo.NewFolder("db-"), "driftboard.db"));
        Services.AddSingleton(database); // the users table the page's role re-check reads
        Services.AddSingleton(new UploadedDatasetImporter(new DatasetImporter(database),
            limits ?? new UploadLimits(UploadLimits.DefaultMaxUploadBytes, UploadLimits.DefaultMaxUnzippedBytes, UploadLimits.DefaultMaxZipEntries))
        {
            TempRoot = tempRoot,
        });
        return (Render<ImportPage>(), tempRoot, database);
    }

    private static void Upload(IRenderedComponent<ImportPage> page, params InputFileContent[] files) =>
        page.FindComponent<InputFile>().UploadFiles(files);

    [Fact]
    public void A_good_zip_imports_and_opens_the_new_dataset()
    {
        var (page, tempRoot, database) = RenderPage();

        Upload(page, InputFileContent.CreateFromBinary(File.ReadAllBytes(demo.ZipPath), "dataset.zip"));

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/datasets/{demo.DatasetId}", navigation.Uri), ImportWait);
        var imported = new DatasetStore(database).Find(demo.DatasetId);
        Assert.NotNull(imported);
        Assert.Equal(DemoDataset.PerDay * DemoDataset.Days, imported.Rows);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public void The_folder_files_import_as_well()
    {
        var (page, tempRoot, database) = RenderPage();

        Upload(page, [.. Directory.GetFiles(demo.Folder).Select(f => InputFileContent.CreateFromBinary(File.ReadAllBytes(f), Path.GetFileName(f)))]);

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/datasets/{demo.DatasetId}", navigation.Uri), ImportWait);
        Assert.NotNull(new DatasetStore(database).Find(demo.DatasetId));
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public void A_zip_with_a_path_traversal_entry_is_refused_and_leaves_nothing_behind()
    {
        var (page, tempRoot, database) = RenderPage();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(Path.Combine(demo.Folder, "model_card.md"), "dataset/model_card.md");
            using var writer = new StreamWriter(archive.CreateEntry("dataset/../../escaped.txt").Open());
            writer.Write("outside");
        }

        Upload(page, InputFileContent.CreateFromBinary(zip.ToArray(), "evil.zip"));

        var error = page.WaitForElement("[data-testid=import-error]", ImportWait);
        Assert.Contains("points outside the upload folder", error.TextContent);
        Assert.Contains("../../escaped.txt", error.TextContent);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
        Assert.False(File.Exists(Path.Combine(tempRoot, "..", "escaped.txt")));
        Assert.Empty(new DatasetStore(database).List());
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void An_upload_over_the_size_limit_is_refused()
    {
        var (page, tempRoot, database) = RenderPage(new UploadLimits(MaxUploadBytes: 1000, MaxUnzippedBytes: 1 << 20, MaxZipEntries: 10));

        Upload(page, InputFileContent.CreateFromBinary(File.ReadAllBytes(demo.ZipPath), "dataset.zip"));

        var error = page.WaitForElement("[data-testid=import-error]", ImportWait);
        Assert.Contains("Upload refused", error.TextContent);
        Assert.Contains("at most 1,000 bytes", error.TextContent);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
        Assert.Empty(new DatasetStore(database).List());
    }

    [Fact]
    public void A_zip_expanding_past_the_cap_is_refused()
    {
        var (page, tempRoot, _) = RenderPage(new UploadLimits(UploadLimits.DefaultMaxUploadBytes, MaxUnzippedBytes: 100_000, MaxZipEntries: 10));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("zeros.csv", CompressionLevel.Optimal).Open())
            entry.Write(new byte[1_000_000]);

        Upload(page, InputFileContent.CreateFromBinary(zip.ToArray(), "bomb.zip"));

        var error = page.WaitForElement("[data-testid=import-error]", ImportWait);
        Assert.Contains("expands to more than", error.TextContent);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public void A_contract_error_names_the_file()
    {
        var (page, tempRoot, _) = RenderPage();

        // The card without the files it names.
        Upload(page, InputFileContent.CreateFromBinary(File.ReadAllBytes(Path.Combine(demo.Folder, "model_card.md")), "model_card.md"));

        var error = page.WaitForElement("[data-testid=import-error]", ImportWait);
        Assert.Contains("breaks its contract", error.TextContent);
        Assert.Contains(".csv", error.TextContent);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }

    [Fact]
    public void A_viewer_who_reaches_the_page_cannot_import()
    {
        var (page, tempRoot, database) = RenderPage();
        Authorization.SetRole(Storage.Users.UserRole.Viewer);

        Upload(page, InputFileContent.CreateFromBinary(File.ReadAllBytes(demo.ZipPath), "dataset.zip"));

        var error = page.WaitForElement("[data-testid=import-error]", ImportWait);
        Assert.Contains("needs the author or admin role", error.TextContent);
        Assert.Empty(new DatasetStore(database).List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempRoot));
    }
}
