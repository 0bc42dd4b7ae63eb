using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.EndToEnd;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.Playwright;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>
/// The managers' summary printed by a real browser (the app on Kestrel, the OS's Chromium through Playwright, print media):
/// it fits one A4 and one Letter page, even with long author sections, and the app bar and navigation are not printed.
/// </summary>
public sealed partial class PostmortemPrintTests(PostmortemSite site) : IClassFixture<PostmortemSite>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Theory]
    [InlineData("A4")]
    [InlineData("Letter")]
    public async Task The_summary_prints_on_one_page(string paper)
    {
        if (!File.Exists(ChromiumPath)) return; // tests/run.sh installs it.
        var longId = site.Store.Create(null, "A long postmortem", "default", LongMarkdown(), "ana");

        await using var factory = site.CreateFactory(("environment", "Development")); // serves the static web assets (MudBlazor's CSS) from the build
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseAddress = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        // A viewer reads summaries: the page is printed as one, signed in through the form.
        await using var session = await BrowserSession.OpenAsync(browser, baseAddress, nameof(The_summary_prints_on_one_page) + "-" + paper);
        await session.SignInAsync(TestUsers.NameOf(UserRole.Viewer), TestUsers.Password);
        var page = session.Page;

        foreach (var (id, pages) in new[] { (site.SampleId, 1), (longId, 1), (site.HostileId, 0) })
        {
            await page.GotoAsync($"{baseAddress}/postmortems/{id}/summary", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.False(await page.Locator(".mud-appbar").IsVisibleAsync(),
                $"{page.Url}: the app bar prints; stylesheets {await page.EvaluateAsync<string>("() => [...document.styleSheets].map(s => s.href).join(' ')")}");
            Assert.False(await page.Locator(".mud-drawer").IsVisibleAsync());
            Assert.True(await page.Locator("[data-testid='summary-actions']").IsVisibleAsync());

            var pdf = await page.PdfAsync(new PagePdfOptions { Format = paper, PrintBackground = true });

            // The hostile postmortem's 73 action items cannot fit: it shows the page count is real.
            if (pages == 1) Assert.Equal(1, PageCount(pdf));
            else Assert.True(PageCount(pdf) > 1, $"{PageCount(pdf)} pages");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }
    }

    /// <summary>The sample with every prose section five times as long and ten action items.</summary>
    private string LongMarkdown()
    {
        var markdown = new StringBuilder();
        var filler = "Recall on matured labels fell for three consecutive weeks while the score distribution shifted; the weekly report " +
                     "showed it only once enough chargebacks had arrived, which took a month. ";
        foreach (var section in new[] { "Summary", "Impact", "Root cause" })
            markdown.Append($"## {section}\n\n").Append(string.Concat(Enumerable.Repeat(filler, 5))).Append("\n\n- one\n- two\n- three\n\n");
        markdown.Append("### What would have caught this earlier\n\n| Monitor | Would have fired | Lead (days) |\n|---|---|---:|\n");
        for (var i = 0; i < 6; i++) markdown.Append($"| Monitor {i} on feature {i} | yes | {30 - i} |\n");
        markdown.Append("\n## Action items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n");
        for (var i = 0; i < 10; i++) markdown.Append($"| Add the check number {i} to the pipeline before scoring | Owner {i} | 2026-06-{i + 10} | open |\n");
        return markdown.ToString();
    }

    private static int PageCount(byte[] pdf) => PdfPage().Count(Encoding.Latin1.GetString(pdf));

    /// <summary>A page object (<c>/Type /Page</c>, not the <c>/Pages</c> tree).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();
}
