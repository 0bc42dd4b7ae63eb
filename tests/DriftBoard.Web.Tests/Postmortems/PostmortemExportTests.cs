using System.Net;
using System.Text;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Postmortems.Exports;
using DriftBoard.Web.Tests.TestSupport;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class PostmortemExportTests(PostmortemSite site) : IClassFixture<PostmortemSite>
{
    private HttpClient Client => site.Client;

    [Fact]
    public async Task Markdown_export_is_the_stored_markdown_as_an_attachment()
    {
        using var response = await Client.GetAsync($"/postmortems/{site.SampleId}/export.md");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("postmortem-1-recall-drop-on-card-fraud-v3.md", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(site.SampleMarkdown, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_export_is_standalone_with_its_own_figures_inlined()
    {
        using var response = await Client.GetAsync($"/postmortems/{site.SampleId}/export.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var document = HtmlSafety.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Recall drop on card-fraud v3", document.Title);
        Assert.Contains("Draft", document.QuerySelector(".pm-export-meta")!.TextContent);
        Assert.Contains("generated", document.QuerySelector(".pm-export-meta")!.TextContent);
        Assert.NotNull(document.QuerySelector("head style"));
        Assert.Empty(document.QuerySelectorAll("link, script"));
        var image = Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal("data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(PostmortemSite.RecallSvg)), image.GetAttribute("src"));
        Assert.Equal("Recall by week", image.GetAttribute("alt"));
        // Root-relative links still reach the app from a file on disk.
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://localhost/datasets/demo/features");
        Assert.Equal(5, document.QuerySelectorAll("main table")[2].QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Html_export_of_every_payload_is_inert()
    {
        using var response = await Client.GetAsync($"/postmortems/{site.HostileId}/export.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = HtmlSafety.Parse(await response.Content.ReadAsStringAsync());
        var ownFigure = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(PostmortemSite.HostileSvg));
        HtmlSafety.AssertInert(document.Body!, address => address == ownFigure);
        // The head is ours: the charset, the page's CSP and the viewport, nothing an author wrote.
        Assert.Equal(["charset", "Content-Security-Policy", "viewport"],
            document.Head!.QuerySelectorAll("meta").Select(m => m.GetAttribute("charset") is null ? m.GetAttribute("http-equiv") ?? m.GetAttribute("name") : "charset"));
        Assert.Equal(PostmortemHtmlDocument.ContentSecurityPolicy, document.Head.QuerySelector("meta[http-equiv]")!.GetAttribute("content"));
        Assert.Empty(document.Head.QuerySelectorAll("script, base, link"));
        Assert.Equal("<script>alert('title')</script> & \"quotes\"", document.Title);
        // Only the stored SVG figure is inlined; the stored text/html "figure" is not an image and becomes its alt text.
        Assert.Equal([ownFigure], document.QuerySelectorAll("img").Select(i => i.GetAttribute("src")).Distinct());
        Assert.Contains("own html", document.Body!.TextContent);
    }

    [Fact]
    public async Task Pdf_export_prints_with_chromium()
    {
        if (!File.Exists("/usr/bin/chromium")) return; // tests/run.sh installs it; without it only the 503 below is testable.

        var foldersBefore = Directory.GetDirectories(Path.GetTempPath(), "driftboard-pdf-*");

        using var response = await Client.GetAsync($"/postmortems/{site.SampleId}/export.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("postmortem-1-recall-drop-on-card-fraud-v3.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.True(pdf.Length > 2000, $"{pdf.Length} bytes");
        Assert.Contains("/Type /Page", Encoding.Latin1.GetString(pdf));
        // The temporary folder (HTML, PDF, Chromium's profile) is gone.
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "driftboard-pdf-*").Except(foldersBefore));
    }

    [Fact]
    public async Task Pdf_export_without_chromium_is_a_503_naming_the_setting()
    {
        await using var factory = site.CreateFactory(("DriftBoard:ChromiumPath", "/nonexistent/chromium"));
        using var client = await factory.CreateSignedInClientAsync(UserRole.Viewer);

        using var response = await client.GetAsync($"/postmortems/{site.SampleId}/export.pdf");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("DriftBoard:ChromiumPath", problem);
        Assert.Contains("/nonexistent/chromium", problem);
    }

    [Theory]
    [InlineData("sleep 30", 503, "did not print the PDF within 1 s")]
    [InlineData("echo 'no display' >&2; exit 3", 500, "exited with 3 and wrote no PDF: no display")]
    public async Task A_chromium_that_hangs_or_fails_is_reported_and_cleaned_up(string script, int status, string message)
    {
        if (OperatingSystem.IsWindows()) return; // a shell script stands in for Chromium
        // A stand-in executable: a real process that hangs (and is killed) or fails, as a broken Chromium would.
        var fake = Path.Combine(Path.GetTempPath(), $"fake-chromium-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await using var factory = site.CreateFactory(("DriftBoard:ChromiumPath", fake), ("DriftBoard:PdfTimeoutSeconds", "1"));
            using var client = await factory.CreateSignedInClientAsync(UserRole.Viewer);
            var foldersBefore = Directory.GetDirectories(Path.GetTempPath(), "driftboard-pdf-*");

            using var response = await client.GetAsync($"/postmortems/{site.SampleId}/export.pdf");

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
            Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "driftboard-pdf-*").Except(foldersBefore));
        }
        finally
        {
            File.Delete(fake);
        }
    }

    [Fact]
    public async Task Figures_are_served_with_their_type_nosniff_and_a_closed_csp()
    {
        using var response = await Client.GetAsync($"/postmortems/{site.SampleId}/figures/recall.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(PostmortemExportEndpoints.FigureContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(PostmortemSite.RecallSvg, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stored_figure_that_is_not_an_image_is_only_offered_as_a_download()
    {
        using var response = await Client.GetAsync($"/postmortems/{site.HostileId}/figures/page.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/postmortems/999/export.md")]
    [InlineData("/postmortems/999/export.html")]
    [InlineData("/postmortems/999/export.pdf")]
    [InlineData("/postmortems/999/figures/recall.svg")]
    [InlineData("/postmortems/1/figures/missing.svg")]
    [InlineData("/postmortems/2/figures/recall.svg")]
    [InlineData("/postmortems/999/summary")]
    public async Task Unknown_postmortems_and_figures_are_404(string address)
    {
        using var response = await Client.GetAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Only_this_postmortems_figures_are_inlined_and_other_images_become_their_alt_text()
    {
        var figures = new[] { new DriftBoard.Core.Postmortems.PostmortemFigure("a b.png", "image/png", [1, 2, 3]) };
        var html = """
            <p><img src="/postmortems/5/figures/a%20b.png" alt="own"><img src="/postmortems/6/figures/a%20b.png" alt="other postmortem">
            <img src="https://example.com/x.png" alt="remote"><a href="/datasets/x">dataset</a><a href="#fn:1">note</a></p>
            """;

        var document = HtmlSafety.Parse(PostmortemHtmlDocument.InlineFigures(html, 5, figures, new Uri("https://driftboard.example/")));

        Assert.Equal(["data:image/png;base64,AQID"], document.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Contains("other postmortem", document.Body!.TextContent);
        Assert.Contains("remote", document.Body.TextContent);
        Assert.Equal(["https://driftboard.example/datasets/x", "#fn:1"], document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }
}
