using System.CommandLine;
using Spectre.Console;

namespace DriftBoard.Cli.Tests.TestSupport;

/// <summary>What one in-process <c>driftboard</c> invocation printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string LastLine => Lines.Length == 0 ? "" : Lines[^1];

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs the real command tree in-process against a plain-text console (no colours, no live progress, wide enough that lines
/// do not wrap), capturing System.CommandLine's own output (parse errors, help) too.
/// </summary>
public static class CliRunner
{
    public static Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary>Runs with <paramref name="standardInput"/> as redirected standard input (how scripts pipe a password in).</summary>
    public static async Task<CliRun> RunWithInputAsync(string standardInput, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 240;
        var exit = await DriftBoardCommandLine.Create(console, new PasswordInput(new StringReader(standardInput), interactive: false)).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return new CliRun(exit, writer.ToString());
    }
}
