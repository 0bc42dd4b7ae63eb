using DriftBoard.Core.Postmortems;

namespace DriftBoard.Core.Tests.Postmortems;

/// <summary>docs/postmortems.md is the template contract authors read: it must list every placeholder the draft fills.</summary>
public class PostmortemDocsTests
{
    [Fact]
    public void The_contract_document_lists_every_placeholder()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "postmortems.md"));

        foreach (var placeholder in PostmortemPlaceholders.All)
            Assert.Contains($"| `{PostmortemTemplate.Token(placeholder.Name)}` | {(placeholder.Block ? "block" : "inline")} |", docs);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DriftBoard.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DriftBoard.sln not found above {AppContext.BaseDirectory}");
    }
}
