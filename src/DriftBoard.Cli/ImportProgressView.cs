using DriftBoard.Storage;
using Spectre.Console;

namespace DriftBoard.Cli;

/// <summary>
/// Shows an import's progress: a live bar with rows, rows per second and time left on a terminal;
/// one line per file and stage when the output is redirected (logs stay readable).
/// </summary>
public static class ImportProgressView
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var plain = new PlainProgress(console);
            return await work(plain);
        }

        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                // Per stage and file: its bar, and when it started (the reports' elapsed time counts from the start of the import).
                var tasks = new Dictionary<string, (ProgressTask Task, TimeSpan Start)>();
                var live = new Progress<ImportProgress>(p =>
                {
                    var key = $"{p.Stage}:{p.File}";
                    if (!tasks.TryGetValue(key, out var entry))
                    {
                        entry = (ctx.AddTask(Describe(p, p.Elapsed), maxValue: Math.Max(1, p.TotalBytes)), p.Elapsed);
                        tasks[key] = entry;
                    }
                    entry.Task.Description = Describe(p, entry.Start);
                    entry.Task.Value = Math.Min(p.BytesRead, entry.Task.MaxValue);
                });
                result = await work(live);
                foreach (var (task, _) in tasks.Values) task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>The stage, file, rows so far and the stage's own rate (rows since <paramref name="stageStart"/>).</summary>
    internal static string Describe(ImportProgress p, TimeSpan stageStart)
    {
        var seconds = (p.Elapsed - stageStart).TotalSeconds;
        var rate = seconds > 0 ? p.Rows / seconds : 0;
        return Markup.Escape($"{p.Stage} {Path.GetFileName(p.File)}: {p.Rows:N0} rows, {rate:N0} rows/s");
    }

    private sealed class PlainProgress(IAnsiConsole console) : IProgress<ImportProgress>
    {
        private string? _last;

        public void Report(ImportProgress value)
        {
            var key = $"{value.Stage}:{value.File}";
            if (key == _last) return;
            _last = key;
            console.MarkupLineInterpolated($"[grey]{value.Stage} {Path.GetFileName(value.File)}[/]");
        }
    }
}
