using DriftBoard.Storage.Store;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DriftBoard.Web.Tests.Hosting;

public sealed class DemoSeedingTests : IDisposable
{
    private const int PerDay = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-web-seeding-");

    private string DatabasePath => Path.Combine(_folder.FullName, "data", "driftboard.db");
    private string DemoFolder => Path.Combine(_folder.FullName, "data", DemoSeedingService.FolderName);

    private WebApplicationFactory<Program> CreateFactory(bool seed) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", seed ? "true" : "false")
            .UseSetting("DriftBoard:DemoPerDay", PerDay.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Starts the host, then waits (bounded) for the seeding service to finish its work.</summary>
    private static async Task<DemoSeedingStatus> StartAndAwaitSeeding(WebApplicationFactory<Program> factory)
    {
        var service = factory.Services.GetServices<IHostedService>().OfType<DemoSeedingService>().Single();
        await service.ExecuteTask!.WaitAsync(Patience);
        return factory.Services.GetRequiredService<DemoSeedingStatus>();
    }

    [Fact]
    public async Task An_empty_database_gets_the_demo_incident_beside_it()
    {
        await using var factory = CreateFactory(seed: true);
        factory.CreateHttpsClient().Dispose();

        var status = await StartAndAwaitSeeding(factory);
        TestUsers.AddTo(DatabasePath);
        using var client = await factory.CreateSignedInClientAsync(Storage.Users.UserRole.Viewer);

        Assert.Equal(DemoSeedingStage.Done, status.Current.Stage);
        var dataset = Assert.Single(factory.Services.GetRequiredService<DatasetStore>().List());
        Assert.Equal(Core.Demo.DemoSettings.Default.Days * PerDay, dataset.Rows);
        Assert.True(File.Exists(Path.Combine(DemoFolder, "model_card.md")));
        var home = await client.GetStringAsync("/");
        Assert.Contains(dataset.Name, home);
        Assert.DoesNotContain("No datasets yet", home);
    }

    [Fact]
    public async Task A_database_that_holds_a_dataset_is_not_seeded_again()
    {
        await using (var first = CreateFactory(seed: true))
            Assert.Equal(DemoSeedingStage.Done, (await StartAndAwaitSeeding(first)).Current.Stage);
        Directory.Delete(DemoFolder, recursive: true);

        await using var second = CreateFactory(seed: true);
        var status = await StartAndAwaitSeeding(second);

        Assert.Equal(DemoSeedingStage.Idle, status.Current.Stage);
        Assert.False(Directory.Exists(DemoFolder));
        Assert.Single(second.Services.GetRequiredService<DatasetStore>().List());
    }

    [Fact]
    public async Task With_seeding_off_the_database_stays_empty()
    {
        await using var factory = CreateFactory(seed: false);

        var status = await StartAndAwaitSeeding(factory);

        Assert.Equal(DemoSeedingStage.Idle, status.Current.Stage);
        Assert.Empty(factory.Services.GetRequiredService<DatasetStore>().List());
        Assert.False(Directory.Exists(DemoFolder));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
