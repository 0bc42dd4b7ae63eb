using System.Text.Json;
using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Core.Tests.Postmortems.Collab;

/// <summary>
/// Replays Data/collab/vectors.json: random cases whose outputs the real CodeMirror JavaScript computed
/// (generate-vectors.mjs). JSON outputs are compared as text, so section splitting and merging must match too,
/// not only the resulting documents.
/// </summary>
public sealed class CollabVectorTests
{
    private static readonly Lazy<JsonDocument> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "collab", "vectors.json"))));

    private static readonly string[] KindNames = ["map", "compose", "mapPos", "of", "rebase"];

    public static TheoryData<string> Kinds => new(KindNames);

    [Fact]
    public void Vectors_cover_every_kind()
    {
        var counts = Cases().GroupBy(c => c.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(300, counts.Values.Sum());
        Assert.All(KindNames, kind => Assert.True(counts.GetValueOrDefault(kind) >= 50, kind));
        // Some resends must exercise deduplication.
        Assert.Contains(Cases(), c => c.GetProperty("kind").GetString() == "rebase"
            && c.GetProperty("rebased").GetArrayLength() < c.GetProperty("updates").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Port_matches_the_javascript(string kind)
    {
        var failures = new List<string>();
        int index = 0, checkedCases = 0;
        foreach (var vector in Cases())
        {
            index++;
            if (vector.GetProperty("kind").GetString() != kind)
                continue;
            checkedCases++;
            try
            {
                foreach (var (what, expected, actual) in Check(kind, vector))
                {
                    if (expected != actual)
                        failures.Add($"case {index - 1} {what}: expected {expected}, got {actual} (input {vector.GetRawText()})");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                failures.Add($"case {index - 1}: {e.GetType().Name} {e.Message} (input {vector.GetRawText()})");
            }
        }
        Assert.True(checkedCases > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static IEnumerable<JsonElement> Cases() => Vectors.Value.RootElement.GetProperty("cases").EnumerateArray();

    private static IEnumerable<(string What, string Expected, string Actual)> Check(string kind, JsonElement v)
    {
        switch (kind)
        {
            case "map":
            {
                string doc = v.GetProperty("doc").GetString()!;
                var a = ChangeSet.FromJson(v.GetProperty("a"));
                var b = ChangeSet.FromJson(v.GetProperty("b"));
                bool before = v.GetProperty("before").GetBoolean();
                var mapped = a.Map(b.Desc, before);
                yield return ("mapped", Raw(v, "mapped"), mapped.ToJson());
                yield return ("mappedDesc", Raw(v, "mappedDesc"), a.Desc.Map(b.Desc, before).ToJson());
                yield return ("result", v.GetProperty("result").GetString()!, mapped.Apply(b.Apply(doc)));
                yield return ("inverted", Raw(v, "inverted"), a.Invert(doc).ToJson());
                break;
            }
            case "compose":
            {
                string doc = v.GetProperty("doc").GetString()!;
                var a = ChangeSet.FromJson(v.GetProperty("a"));
                var b = ChangeSet.FromJson(v.GetProperty("b"));
                var composed = a.Compose(b);
                yield return ("composed", Raw(v, "composed"), composed.ToJson());
                yield return ("composedDesc", Raw(v, "composedDesc"), a.Desc.Compose(b.Desc).ToJson());
                yield return ("result", v.GetProperty("result").GetString()!, composed.Apply(doc));
                break;
            }
            case "mapPos":
            {
                var a = ChangeSet.FromJson(v.GetProperty("a"));
                foreach (var row in v.GetProperty("positions").EnumerateArray())
                {
                    int pos = row[0].GetInt32();
                    yield return ($"mapPos({pos}, -1)", row[1].GetInt32().ToString(), a.MapPos(pos, -1).ToString());
                    yield return ($"mapPos({pos}, 1)", row[2].GetInt32().ToString(), a.MapPos(pos, 1).ToString());
                }
                yield return ("joined", Raw(v, "joined"), Ranges(a, individual: false));
                yield return ("individual", Raw(v, "individual"), Ranges(a, individual: true));
                break;
            }
            case "of":
            {
                var changes = v.GetProperty("changes").EnumerateArray()
                    .Select(c => new TextChange(c.GetProperty("from").GetInt32(), c.GetProperty("to").GetInt32(), c.GetProperty("insert").GetString()!))
                    .ToList();
                yield return ("set", Raw(v, "set"), ChangeSet.Of(v.GetProperty("length").GetInt32(), changes).ToJson());
                break;
            }
            case "rebase":
            {
                var rebased = CollabRebase.RebaseUpdates(Updates(v.GetProperty("updates")), Updates(v.GetProperty("over")));
                yield return ("rebased", Raw(v, "rebased"), UpdatesJson(rebased));
                string doc = v.GetProperty("server").GetString()!;
                foreach (var update in rebased)
                    doc = update.Changes.Apply(doc);
                yield return ("result", v.GetProperty("result").GetString()!, doc);
                break;
            }
            default:
                throw new ArgumentException($"unknown vector kind {kind}");
        }
    }

    private static string Raw(JsonElement v, string name) => v.GetProperty(name).GetRawText();

    private static List<CollabUpdate> Updates(JsonElement list) =>
        list.EnumerateArray()
            .Select(u => new CollabUpdate(u.GetProperty("clientId").GetString()!, ChangeSet.FromJson(u.GetProperty("changes"))))
            .ToList();

    private static string UpdatesJson(IEnumerable<CollabUpdate> updates) =>
        "[" + string.Join(",", updates.Select(u => $"{{\"clientId\":{JsonSerializer.Serialize(u.ClientId)},\"changes\":{u.Changes.ToJson()}}}")) + "]";

    private static string Ranges(ChangeSet set, bool individual)
    {
        var rows = new List<string>();
        set.IterChanges((fromA, toA, fromB, toB, text) =>
            rows.Add($"[{fromA},{toA},{fromB},{toB},{JsonSerializer.Serialize(text, RelaxedJson)}]"), individual);
        return "[" + string.Join(",", rows) + "]";
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
