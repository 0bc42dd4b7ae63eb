using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DriftBoard.Storage.Users;
using Xunit.Abstractions;

namespace DriftBoard.Web.Tests.Postmortems.Faults;

/// <summary>
/// "Ten simulated editors on loopback for five minutes (a bounded load test that stops by itself): every client converges on
/// the server's text, and the text equals a replay of the persisted change log." The real web app as a child process on
/// loopback, ten SignalR clients running the collab client logic. Five minutes by default (CI); set
/// <c>DRIFTBOARD_LOAD_SECONDS=20</c> for a quick run, or filter it out with <c>--filter Category!=Load</c>. The figures are
/// reported (test output and <c>artifacts/load-test.json</c>), never asserted: speed depends on the machine.
/// </summary>
[Collection(CoEditingFaultsCollection.Name)]
public sealed class CoEditingLoadTests(ITestOutputHelper output)
{
    public const string DurationVariable = "DRIFTBOARD_LOAD_SECONDS";
    public const int DefaultSeconds = 300;
    private const int Editors = 10;
    // About a keystroke burst every 50 ms per editor: a fast typist, ten of them in one paragraph-sized document.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);
    // Start-up, settling and the replay come on top of the editing; past this the test fails instead of running on.
    private static readonly TimeSpan Overhead = TimeSpan.FromMinutes(3);

    [Fact]
    [Trait("Category", "Load")]
    public async Task Ten_editors_for_minutes_converge_on_the_server_text_which_replays_from_the_persisted_log()
    {
        var duration = TimeSpan.FromSeconds(Seconds());
        using var bound = new CancellationTokenSource(duration + Overhead);
        using var site = new CoEditingFaultSite("# Load\n\nTen editors type here.\n");
        await site.Server.StartAsync();
        var editors = Enumerable.Range(0, Editors).Select(i => new HubEditor(site.PostmortemId, $"load{i}", EditorStyle.Random, seed: 7000 + i)).ToArray();
        try
        {
            var cookie = await site.Server.SessionCookieAsync(UserRole.Author);
            foreach (var editor in editors) await editor.ConnectAsync(site.Server, cookie, bound.Token);

            var clock = Stopwatch.StartNew();
            using var editing = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
            editing.CancelAfter(duration);
            var failures = await Task.WhenAll(editors.Select(e => Task.Run(() => e.EditUntilAsync(Pause, editing.Token))));
            var seconds = clock.Elapsed.TotalSeconds;
            Assert.All(failures, f => Assert.Null(f));
            Assert.False(bound.IsCancellationRequested, "the load test ran past its bound");

            // Quiesce: each editor pushes what it has left, then all pull up to the server's last version.
            foreach (var editor in editors) await editor.SettleAsync(() => site.Stored.Version, bound.Token);
            foreach (var editor in editors) await editor.SettleAsync(() => site.Stored.Version, bound.Token);
            var (markdown, version, replayed) = site.Persisted();
            var figures = Figures(editors, seconds, version, markdown.Length);
            Report(figures);

            Assert.Equal(markdown, replayed);
            Assert.All(editors, e => Assert.Equal(markdown, e.Client.Doc));
            Assert.All(editors, e => Assert.Equal(version, e.Client.Version));
            Assert.True(version > 0, "no edit was accepted");
        }
        finally
        {
            foreach (var editor in editors) await editor.DisposeAsync();
        }
    }

    private static int Seconds()
    {
        var text = Environment.GetEnvironmentVariable(DurationVariable);
        if (string.IsNullOrWhiteSpace(text)) return DefaultSeconds;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new ArgumentException($"{DurationVariable} must be a positive number of seconds, not '{text}'");
    }

    /// <summary>What the run did; latencies are of Push invocations (send to reply, which follows the broadcast).</summary>
    public sealed record LoadFigures(
        int Editors, double Seconds, int EditsMade, int Pushes, int UpdatesAccepted, int PushesRebased, int Pulls,
        double UpdatesPerSecond, double PushP50Milliseconds, double PushP95Milliseconds, double PushMaxMilliseconds,
        int MaxDocumentLength, int FinalDocumentLength, DateTimeOffset RanAt);

    private static LoadFigures Figures(IReadOnlyList<HubEditor> editors, double seconds, int version, int finalLength)
    {
        var latencies = editors.SelectMany(e => e.PushMilliseconds).Order().ToArray();
        return new LoadFigures(editors.Count, Math.Round(seconds, 1), editors.Sum(e => e.Edits), editors.Sum(e => e.Pushes), version,
            editors.Sum(e => e.RebasedPushes), editors.Sum(e => e.Pulls), Math.Round(version / seconds, 1),
            Math.Round(Percentile(latencies, 0.50), 1), Math.Round(Percentile(latencies, 0.95), 1),
            Math.Round(latencies.Length == 0 ? double.NaN : latencies[^1], 1),
            editors.Max(e => e.MaxDocumentLength), finalLength, DateTimeOffset.UtcNow);
    }

    /// <summary>Nearest-rank percentile of sorted values; NaN for none.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private void Report(LoadFigures figures)
    {
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        output.WriteLine(json);
        var artifacts = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(artifacts);
        var path = Path.Combine(artifacts, "load-test.json");
        File.WriteAllText(path, json + "\n");
        output.WriteLine($"written to {path}");
    }

    /// <summary>The folder holding Directory.Packages.props above the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Directory.Packages.props"))) return folder.FullName;
        throw new DirectoryNotFoundException($"no Directory.Packages.props above {AppContext.BaseDirectory}");
    }
}
