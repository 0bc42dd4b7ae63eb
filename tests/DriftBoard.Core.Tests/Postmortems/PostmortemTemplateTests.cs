using DriftBoard.Core.Postmortems;

namespace DriftBoard.Core.Tests.Postmortems;

public class PostmortemTemplateTests
{
    [Fact]
    public void Placeholders_are_listed_once_in_order_of_first_appearance()
    {
        var template = PostmortemTemplate.Parse("t", "# {{title}}\n{{ summary }} and {{title}} again, {{b_2}}");

        Assert.Equal(["title", "summary", "b_2"], template.Placeholders);
    }

    [Fact]
    public void Fill_replaces_known_placeholders_and_leaves_unknown_ones_visible_and_reported()
    {
        var template = PostmortemTemplate.Parse("t", "# {{title}}\nOwner: {{owner}}; again {{ owner }}; {not} {{Not}} {{}}");

        var fill = template.Fill(new Dictionary<string, string> { ["title"] = "Recall fell" });

        Assert.Equal("# Recall fell\nOwner: {{owner}}; again {{ owner }}; {not} {{Not}} {{}}", fill.Markdown);
        Assert.Equal(["owner"], fill.Unfilled);
    }

    [Fact]
    public void Values_are_inserted_verbatim_even_when_they_look_like_placeholders()
    {
        var template = PostmortemTemplate.Parse("t", "{{a}} {{b}}");

        var fill = template.Fill(new Dictionary<string, string> { ["a"] = "{{b}}", ["b"] = "$1 \\1" });

        Assert.Equal("{{b}} $1 \\1", fill.Markdown);
        Assert.Empty(fill.Unfilled);
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("team-2_brief", true)]
    [InlineData("9lives", true)]
    [InlineData("", false)]
    [InlineData("Default", false)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    [InlineData("../etc", false)]
    [InlineData("a.md", false)]
    public void Names_are_lower_case_file_and_url_safe(string name, bool valid)
    {
        Assert.Equal(valid, PostmortemTemplate.IsValidName(name));
        if (!valid) Assert.Throws<ArgumentException>(() => PostmortemTemplate.Parse(name, "x"));
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_rejected()
    {
        Assert.True(PostmortemTemplate.IsValidName(new string('a', PostmortemTemplate.MaxNameLength)));
        Assert.False(PostmortemTemplate.IsValidName(new string('a', PostmortemTemplate.MaxNameLength + 1)));
    }
}
