using CsCheck;
using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Core.Tests.Postmortems.Collab;

/// <summary>Algebraic properties of the change-set port, and convergence of a simulated authority with three clients.</summary>
public sealed class CollabPropertyTests
{
    private const string DocChars = "ab \nxé\"";
    // Inserted text also carries JSON-hostile characters: escapes, a control character, a surrogate pair and lone halves.
    private const string InsertChars = "ab\nZ\"\\\t\u0001é\uD83D\uDE00";

    private static Gen<string> Text(string alphabet, int maxLength) =>
        Gen.Int[0, alphabet.Length - 1].Array[0, maxLength].Select(indexes => new string(Array.ConvertAll(indexes, i => alphabet[i])));

    /// <summary>Raw edits: positions are reduced modulo the document length when the change set is built.</summary>
    private static readonly Gen<(int Start, int Span, string Insert)[]> Edits =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 6], Text(InsertChars, 4)).Array[0, 4];

    private static readonly Gen<string> Doc = Text(DocChars, 24);

    /// <summary>Edits anywhere in the document, in any order, possibly overlapping (ChangeSet.Of sequences them).</summary>
    private static ChangeSet Build(int docLength, (int Start, int Span, string Insert)[] edits)
    {
        var changes = new TextChange[edits.Length];
        for (int i = 0; i < edits.Length; i++)
        {
            int from = edits[i].Start % (docLength + 1);
            changes[i] = new TextChange(from, from + Math.Min(edits[i].Span, docLength - from), edits[i].Insert);
        }
        return ChangeSet.Of(docLength, changes);
    }

    [Fact]
    public void Concurrent_changes_converge_when_mapped_as_collab_maps_them()
    {
        // The authority applies a first; the pushing client's b is mapped over it (before: false), while a client
        // holding b unconfirmed maps the incoming a over its own b with before: true (receiveUpdates).
        Gen.Select(Doc, Edits, Edits).Sample((doc, editsA, editsB) =>
        {
            var a = Build(doc.Length, editsA);
            var b = Build(doc.Length, editsB);
            string atAuthority = b.Map(a.Desc).Apply(a.Apply(doc));
            string atClient = a.Map(b.Desc, before: true).Apply(b.Apply(doc));
            Assert.Equal(atAuthority, atClient);
            Assert.Equal(atAuthority, a.Compose(b.Map(a.Desc)).Apply(doc));
            Assert.Equal(a.Desc.Compose(b.Desc.Map(a.Desc)).NewLength, atAuthority.Length);
        }, iter: 3000);
    }

    [Fact]
    public void Compose_equals_applying_in_sequence()
    {
        Gen.Select(Doc, Edits, Edits).Sample((doc, editsA, editsB) =>
        {
            var a = Build(doc.Length, editsA);
            string middle = a.Apply(doc);
            var b = Build(middle.Length, editsB);
            var composed = a.Compose(b);
            Assert.Equal(b.Apply(middle), composed.Apply(doc));
            Assert.Equal(composed.Desc.ToJson(), a.Desc.Compose(b.Desc).ToJson());
        }, iter: 3000);
    }

    [Fact]
    public void Json_round_trip_preserves_the_change()
    {
        Gen.Select(Doc, Edits).Sample((doc, edits) =>
        {
            var set = Build(doc.Length, edits);
            string json = set.ToJson();
            var parsed = ChangeSet.FromJson(json);
            Assert.Equal(json, parsed.ToJson());
            Assert.Equal(set.Apply(doc), parsed.Apply(doc));
            Assert.Equal(doc, parsed.Invert(doc).Apply(parsed.Apply(doc)));
        }, iter: 3000);
    }

    [Fact]
    public void Replace_produces_the_new_document()
    {
        Gen.Select(Doc, Doc).Sample((oldDoc, newDoc) =>
            Assert.Equal(newDoc, ChangeSet.Replace(oldDoc, newDoc).Apply(oldDoc)), iter: 2000);
    }

    /// <summary>
    /// Three clients edit concurrently; pushes are sent at whatever version each client has, may be dropped, resent
    /// or delivered late and out of order; broadcasts may be dropped (clients then pull). After everything settles,
    /// every client holds the authority's text.
    /// </summary>
    [Fact]
    public void Three_clients_converge_on_the_authority_text()
    {
        int deduplicated = 0, simulations = 0;
        Gen.Select(Doc, Gen.Int[0, int.MaxValue].Array[10, 120]).Sample((doc, operations) =>
        {
            var network = new CollabNetwork(doc, clientCount: 3);
            foreach (int operation in operations)
                network.Step(operation);
            network.Settle();
            Assert.All(network.Clients, client =>
            {
                Assert.True(network.Authority.Doc == client.Doc, $"{client.ClientId}: {client.Doc} vs {network.Authority.Doc}\n{string.Join("\n", network.Trace)}");
                Assert.Equal(network.Authority.Version, client.Version);
                Assert.Empty(client.Unconfirmed);
            });
            Interlocked.Add(ref deduplicated, network.Authority.Deduplicated);
            Interlocked.Increment(ref simulations);
        }, iter: 1500);
        // The runs must actually exercise resends (about three deduplicated updates per run), not only fresh pushes.
        Assert.True(deduplicated > simulations, $"{deduplicated} deduplicated updates in {simulations} runs");
    }

    [Fact]
    public void Mapping_over_a_composition_can_differ_from_mapping_over_its_parts()
    {
        // Found by the simulation and confirmed with @codemirror/state 6.7.6 (both outputs below are the JavaScript's):
        // why the authority rebases step by step (RebaseUpdatesStepwise) and browsers receive one update per call.
        const string doc = "bx\nyx\n";
        var a = ChangeSet.FromJson("""[[3],1,[2]]""");
        var b = ChangeSet.FromJson("""[[0,"","",""],1]""");
        var local = ChangeSet.FromJson("""[[2,"b"],4,[0,"aa"]]""");
        string afterAb = b.Apply(a.Apply(doc));
        Assert.Equal("b\n\nyaa", local.Map(a.Compose(b).Desc).Apply(afterAb));
        Assert.Equal("\n\nbyaa", local.Map(a.Desc).Map(b.Desc).Apply(afterAb));
        Assert.Equal(local.Map(a.Desc).Map(b.Desc).ToJson(),
            CollabRebase.RebaseUpdatesStepwise([new CollabUpdate("me", local)], [new CollabUpdate("x", a), new CollabUpdate("y", b)])[0].Changes.ToJson());
    }

    [Fact]
    public void A_resent_push_is_accepted_once()
    {
        var authority = new CollabAuthority("abc");
        var me = new CollabClient("me", "abc", 0);
        var other = new CollabClient("other", "abc", 0);
        me.Edit(ChangeSet.Of(3, [new TextChange(3, 3, "!")]));
        other.Edit(ChangeSet.Of(3, [new TextChange(0, 0, ">")]));
        authority.Push(other.Version, other.Sendable());
        var push = me.Sendable();
        Assert.Single(authority.Push(0, push));
        Assert.Empty(authority.Push(0, push));
        Assert.Equal(">abc!", authority.Doc);
        me.Receive(authority.Pull(me.Version));
        Assert.Equal(">abc!", me.Doc);
        Assert.Empty(me.Unconfirmed);
    }

    /// <summary>The authority, the clients and the messages in flight, driven by random operations.</summary>
    private sealed class CollabNetwork
    {
        private const string EditChars = "xy\nz";
        private readonly List<(int BaseVersion, IReadOnlyList<CollabUpdate> Updates)> _pushes = [];
        private readonly List<Queue<(int FromVersion, IReadOnlyList<CollabUpdate> Updates)>> _inboxes = [];

        public CollabNetwork(string doc, int clientCount)
        {
            Authority = new CollabAuthority(doc);
            for (int i = 0; i < clientCount; i++)
            {
                Clients.Add(new CollabClient($"client-{i}", doc, 0));
                _inboxes.Add(new Queue<(int, IReadOnlyList<CollabUpdate>)>());
            }
        }

        public CollabAuthority Authority { get; }
        public List<CollabClient> Clients { get; } = [];

        /// <summary>What happened, for the failure message of a shrunk case.</summary>
        public List<string> Trace { get; } = [];

        public void Step(int operation)
        {
            int clientIndex = operation / 8 % Clients.Count, parameter = operation / 8 / Clients.Count;
            var client = Clients[clientIndex];
            var inbox = _inboxes[clientIndex];
            switch (operation % 8)
            {
                case 0:
                case 1:
                    var edit = RandomEdit(client.Doc, new Random(parameter));
                    client.Edit(edit);
                    Trace.Add($"{client.ClientId} edits {edit.ToJson()} -> {client.Doc}");
                    break;
                case 2:
                    if (client.Unconfirmed.Count > 0)
                    {
                        _pushes.Add((client.Version, client.Sendable()));
                        Trace.Add($"{client.ClientId} pushes at {client.Version}: {string.Join(" ", client.Unconfirmed)}");
                    }
                    break;
                case 3:
                    // Pushes reach the authority in any order: late ones are stale resends.
                    if (_pushes.Count > 0)
                        Accept(parameter % _pushes.Count);
                    break;
                case 4:
                    if (inbox.Count > 0)
                        Deliver(client, inbox.Dequeue());
                    break;
                case 5:
                    if (inbox.Count > 0)
                        inbox.Dequeue();
                    break;
                case 6:
                    client.Receive(Authority.Pull(client.Version));
                    Trace.Add($"{client.ClientId} pulls: at {client.Version} {client.Doc}");
                    break;
                default:
                    if (_pushes.Count > 0)
                        _pushes.RemoveAt(parameter % _pushes.Count);
                    break;
            }
        }

        /// <summary>Delivers what is in flight, then has every client pull and push until nothing is unconfirmed.</summary>
        public void Settle()
        {
            while (_pushes.Count > 0)
                Accept(0);
            for (int round = 0; round < 10 && Clients.Any(c => c.Unconfirmed.Count > 0 || c.Version < Authority.Version); round++)
            {
                foreach (var client in Clients)
                {
                    client.Receive(Authority.Pull(client.Version));
                    if (client.Unconfirmed.Count > 0)
                        Broadcast(Authority.Push(client.Version, client.Sendable()));
                }
                foreach (var client in Clients)
                    client.Receive(Authority.Pull(client.Version));
            }
        }

        private void Accept(int index)
        {
            var (baseVersion, updates) = _pushes[index];
            _pushes.RemoveAt(index);
            var accepted = Authority.Push(baseVersion, updates);
            Trace.Add($"authority takes {updates[0].ClientId}'s push at {baseVersion}, accepts {string.Join(" ", accepted.Select(u => u.Changes))} -> {Authority.Doc}");
            Broadcast(accepted);
        }

        private void Broadcast(IReadOnlyList<CollabUpdate> accepted)
        {
            if (accepted.Count == 0)
                return;
            int fromVersion = Authority.Version - accepted.Count;
            foreach (var inbox in _inboxes)
                inbox.Enqueue((fromVersion, accepted));
        }

        /// <summary>The hub's client rule: apply when the message starts at our version, pull on a gap, ignore the old.</summary>
        private void Deliver(CollabClient client, (int FromVersion, IReadOnlyList<CollabUpdate> Updates) message)
        {
            if (message.FromVersion == client.Version)
                client.Receive(message.Updates);
            else if (message.FromVersion + message.Updates.Count > client.Version)
                client.Receive(Authority.Pull(client.Version));
            Trace.Add($"{client.ClientId} gets updates from {message.FromVersion}: at {client.Version} {client.Doc}");
        }

        private static ChangeSet RandomEdit(string doc, Random random)
        {
            int from = random.Next(doc.Length + 1), to = from + random.Next(Math.Min(3, doc.Length - from) + 1);
            var insert = new char[random.Next(4)];
            for (int i = 0; i < insert.Length; i++)
                insert[i] = EditChars[random.Next(EditChars.Length)];
            return ChangeSet.Of(doc.Length, [new TextChange(from, to, new string(insert))]);
        }
    }
}
