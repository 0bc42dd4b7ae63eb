using Spectre.Console;

namespace DriftBoard.Cli;

/// <summary>
/// Where <c>driftboard users</c> reads a password: standard input. On a terminal it prompts twice without echo; when standard
/// input is redirected (a pipe, a file, a test) it reads exactly one line, so scripts can do <c>printf '%s\n' "$PW" | driftboard users add ...</c>.
/// Never a command-line argument: those end up in shell history and in every process listing.
/// </summary>
public sealed class PasswordInput(TextReader input, bool interactive)
{
    /// <summary>The process's standard input, interactive when it is a terminal.</summary>
    public static PasswordInput FromConsole() => new(Console.In, !Console.IsInputRedirected);

    /// <summary>The password, or null with the reason printed (end of input, or the two entries differ).</summary>
    public string? Read(IAnsiConsole console, string userName)
    {
        if (interactive && console.Profile.Capabilities.Interactive)
        {
            var first = console.Prompt(new TextPrompt<string>($"Password for [bold]{Markup.Escape(userName)}[/]:").Secret(null));
            var second = console.Prompt(new TextPrompt<string>("Repeat the password:").Secret(null));
            if (first == second) return first;
            console.MarkupLine("[red]error:[/] the two passwords differ; nothing was changed");
            return null;
        }

        var line = input.ReadLine();
        if (line is null)
        {
            console.MarkupLine("[red]error:[/] no password on standard input: type it at the prompt, or pipe one line");
            return null;
        }

        return line;
    }
}
