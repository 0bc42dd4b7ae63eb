using DriftBoard.Web.Postmortems.Rendering;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class PostmortemUrlPolicyTests
{
    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("http://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM")]
    [InlineData("mailto:oncall@example.com")]
    [InlineData("/postmortems/3/figures/recall.svg")]
    [InlineData("/")]
    [InlineData("#fn:1")]
    [InlineData("  https://example.com  ")]
    public void Allows(string url) => Assert.True(PostmortemUrlPolicy.IsAllowed(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\u200Bscript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("data:image/svg+xml;base64,AAAA")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("relative/path")]
    [InlineData("%6Aavascript:alert(1)")]
    [InlineData(":no-scheme")]
    public void Refuses(string? url) => Assert.False(PostmortemUrlPolicy.IsAllowed(url));
}
