using Spectre.Console;

namespace DriftBoard.Cli;

/// <summary>
/// Shows progress of work that counts towards a known total (rows generated): a live bar on a terminal, nothing when the
/// output is redirected (the caller prints its own summary, so logs stay short).
/// </summary>
public static class CountProgressView
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string description, long total, Func<IProgress<long>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive) return await work(new Progress<long>(_ => { }));

        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = await work(new Progress<long>(done => task.Value = Math.Min(done, task.MaxValue)));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
