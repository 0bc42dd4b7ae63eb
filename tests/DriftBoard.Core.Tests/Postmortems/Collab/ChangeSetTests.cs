using System.Text.Json;
using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Core.Tests.Postmortems.Collab;

public class ChangeSetTests
{
    [Fact]
    public void Apply_replaces_deletes_and_inserts_lines()
    {
        var set = ChangeSet.FromJson("""[2,[1,"X","Y"],1,[2]]""");
        Assert.Equal(6, set.Length);
        Assert.Equal(6, set.NewLength);
        Assert.Equal("abX\nYd", set.Apply("abcdef"));
        Assert.Equal("""[2,[1,"X","Y"],1,[2]]""", set.ToJson());
    }

    [Fact]
    public void Concurrent_inserts_at_one_position_order_by_the_before_flag()
    {
        var a = ChangeSet.Of(3, [new TextChange(1, 1, "A")]);
        var b = ChangeSet.Of(3, [new TextChange(1, 1, "B")]);
        // b applied first, a mapped over it: a is "after" unless before is set.
        Assert.Equal("xBAyz", a.Map(b.Desc).Apply(b.Apply("xyz")));
        Assert.Equal("xAByz", a.Map(b.Desc, before: true).Apply(b.Apply("xyz")));
        Assert.Equal("xAByz", b.Map(a.Desc).Apply(a.Apply("xyz")));
    }

    [Fact]
    public void Compose_equals_sequential_application()
    {
        var a = ChangeSet.Of(5, [new TextChange(0, 2, "hello "), new TextChange(4, 5, "")]);
        string mid = a.Apply("abcde");
        var b = ChangeSet.Of(mid.Length, [new TextChange(3, 8, "P")]);
        Assert.Equal(b.Apply(mid), a.Compose(b).Apply("abcde"));
    }

    [Fact]
    public void MapPos_respects_assoc_at_an_insertion()
    {
        var set = ChangeSet.Of(4, [new TextChange(2, 2, "zz"), new TextChange(3, 4, "")]);
        Assert.Equal(2, set.MapPos(2, -1));
        Assert.Equal(4, set.MapPos(2, 1));
        Assert.Equal(5, set.MapPos(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.MapPos(5));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[-1]")]
    [InlineData("[1.5]")]
    [InlineData("[[]]")]
    [InlineData("[[2, 3]]")]
    [InlineData("[\"a\"]")]
    [InlineData("[[1, \"a\\nb\"]]")]
    [InlineData("[1,")]
    public void FromJson_rejects_malformed_input(string json)
    {
        Assert.Throws<FormatException>(() => ChangeSet.FromJson(json));
    }

    [Fact]
    public void Length_mismatches_throw_argument_exceptions()
    {
        var set = ChangeSet.FromJson("[3,[0,\"x\"]]");
        Assert.Throws<ArgumentException>(() => set.Apply("ab"));
        Assert.Throws<ArgumentException>(() => set.Compose(ChangeSet.Empty(3)));
        Assert.Throws<ArgumentException>(() => set.Map(ChangeSet.Empty(2).Desc));
        Assert.Throws<ArgumentException>(() => ChangeSet.Of(3, [new TextChange(2, 4, "")]));
    }

    [Fact]
    public void Replace_keeps_common_prefix_and_suffix_without_splitting_surrogates()
    {
        var set = ChangeSet.Replace("the quick fox", "the slow fox");
        Assert.Equal("[4,[5,\"slow\"],4]", set.ToJson());
        string oldDoc = "a\U0001F600b", newDoc = "a\U0001F601b";
        var emoji = ChangeSet.Replace(oldDoc, newDoc);
        Assert.Equal(newDoc, emoji.Apply(oldDoc));
        Assert.Equal("[1,[2,\"\U0001F601\"],1]", emoji.ToJson());
        Assert.Equal("x\ny", ChangeSet.Replace("", "x\r\ny").Apply(""));
    }

    [Fact]
    public void Lone_surrogates_survive_a_json_round_trip()
    {
        var set = ChangeSet.Of(0, [new TextChange(0, 0, "\uD83D\"\\\u0001")]);
        string json = set.ToJson();
        Assert.Equal(set.Apply(""), ChangeSet.FromJson(json).Apply(""));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(json, ChangeSet.FromJson(document.RootElement).ToJson());
    }

    [Fact]
    public void Invert_undoes_the_change()
    {
        const string doc = "one\ntwo\nthree";
        var set = ChangeSet.Of(doc.Length, [new TextChange(0, 3, "1"), new TextChange(8, 13, "")]);
        Assert.Equal(doc, set.Invert(doc).Apply(set.Apply(doc)));
    }
}
