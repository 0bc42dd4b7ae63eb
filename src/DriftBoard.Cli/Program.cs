using DriftBoard.Cli;
using Spectre.Console;

return await DriftBoardCommandLine.Create(AnsiConsole.Console).Parse(args).InvokeAsync();
