using System.CommandLine;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Store;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary>
/// <c>driftboard postmortem draft &lt;dataset id&gt; [--template NAME] [--title TEXT] [--out FILE] [--db FILE]</c>: analyses the
/// dataset (default windows and reference, as the web app opens it) and writes a postmortem draft in Markdown from the
/// shipped templates or the team's templates in the database, with the same draft code the web app uses. Figures are
/// stored only by the web app; the CLI draft says so where they would be.
/// </summary>
public static class PostmortemCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset id `driftboard import` printed" };
        var db = DriftBoardCommandLine.DatabaseOption();
        var template = new Option<string>("--template")
        {
            Description = "Template name: a .md file in the shipped templates folder or a team template in the database",
            DefaultValueFactory = _ => PostmortemTemplateCatalog.DefaultName,
            HelpName = "NAME",
        };
        var title = new Option<string?>("--title") { Description = "The postmortem's title (default: from the dataset and the verdict)", HelpName = "TEXT" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown to FILE instead of standard output", HelpName = "FILE" };

        var draft = new Command("draft", "Write a postmortem draft in Markdown from the dataset's analysis") { dataset, db, template, title, output };
        draft.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, async token =>
        {
            var database = new DriftBoardDatabase(DatabaseLocation.Resolve(parse.GetValue(db)));
            var store = new DatasetStore(database);
            var id = parse.GetRequiredValue(dataset);
            if (store.Find(id) is not { } info)
            {
                console.MarkupLineInterpolated($"[red]error:[/] no dataset '{id}' in {database.Path}");
                return ExitCodes.InvalidInput;
            }

            var catalog = new PostmortemTemplateCatalog(PostmortemTemplateCatalog.ShippedFolder, new PostmortemStore(database));
            var templateName = parse.GetRequiredValue(template);
            if (catalog.Find(templateName) is not { } chosen)
            {
                var names = string.Join(", ", catalog.List().Where(t => !t.Overridden).Select(t => t.Template.Name));
                console.MarkupLineInterpolated($"[red]error:[/] no template '{templateName}' (available: {names})");
                return ExitCodes.InvalidInput;
            }

            var report = await new DatasetAnalyzer(store).AnalyzeAsync(info.Id, new DiagnosisOptions(), progress: null, token);
            var fill = PostmortemDraft.Write(chosen, report,
                new PostmortemDraftOptions(parse.GetValue(title) ?? PostmortemDraft.DefaultTitle(report, info.Name), info));
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, fill.Markdown, token);
                console.MarkupLineInterpolated($"Postmortem draft ({chosen.Name}): {file.FullName}");
                if (fill.Unfilled.Count > 0)
                    console.MarkupLineInterpolated($"[yellow]left to fill:[/] {string.Join(", ", fill.Unfilled.Select(PostmortemTemplate.Token))}");
            }
            else
            {
                // The Markdown alone on standard output, so it can be piped; what is left to fill goes to standard error.
                console.Profile.Out.Writer.Write(fill.Markdown);
                console.Profile.Out.Writer.WriteLine();
                if (fill.Unfilled.Count > 0)
                    await Console.Error.WriteLineAsync($"left to fill: {string.Join(", ", fill.Unfilled.Select(PostmortemTemplate.Token))}");
            }

            return ExitCodes.Ok;
        }, ct));

        return new Command("postmortem", "Postmortem drafts") { draft };
    }
}
