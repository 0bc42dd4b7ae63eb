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
                var tasks = new Dictionary<string, ProgressTask>();
                var live = new Progress<ImportProgress>(p =>
                {
                    var key = $"{p.Stage}:{p.File}";
                    if (!tasks.TryGetValue(key, out var task))
                    {
                        task = ctx.AddTask(Describe(p), maxValue: Math.Max(1, p.TotalBytes));
                        tasks[key] = task;
                    }
                    task.Description = Describe(p);
                    task.Value = Math.Min(p.BytesRead, task.MaxValue);
                });
                result = await work(live);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
            });
        return result;
    }

    internal static string Describe(ImportProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Rows / p.Elapsed.TotalSeconds : 0;
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
