using System.Threading.Channels;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Web.Postmortems.Collab;

public sealed partial class PostmortemAuthority
{
    /// <summary>One document's state; every field is read and written under <see cref="Gate"/>.</summary>
    private sealed class Document
    {
        public Document(long id, PostmortemAuthority authority)
        {
            Id = id;
            _authority = authority;
        }

        private readonly PostmortemAuthority _authority;

        // Started with the first message, not in the constructor: ConcurrentDictionary.GetOrAdd may build documents it throws away.
        private Task? _pump;

        public long Id { get; }
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public bool Loaded { get; set; }
        public string Text { get; set; } = "";
        public int Version { get; set; }
        public PostmortemStatus Status { get; set; }

        /// <summary>The last accepted updates, contiguous, the last one at <see cref="Version"/>.</summary>
        public List<AcceptedUpdate> Recent { get; } = [];

        /// <summary>Who is in the document, by editor client id.</summary>
        public Dictionary<string, Presence> Presence { get; } = new(StringComparer.Ordinal);

        /// <summary>Each author's cursor color, kept while the document is in memory.</summary>
        public Dictionary<string, string> Colors { get; } = new(StringComparer.Ordinal);

        /// <summary>Hub messages in version order, sent by one loop.</summary>
        public Channel<Func<IPostmortemClient, Task>> Outbox { get; } =
            Channel.CreateUnbounded<Func<IPostmortemClient, Task>>(new UnboundedChannelOptions { SingleReader = true });

        /// <summary>Queues a hub message; called under <see cref="Gate"/>, which keeps the queue in version order.</summary>
        public void Send(Func<IPostmortemClient, Task> send)
        {
            _pump ??= Task.Run(() => _authority.PumpAsync(this));
            Outbox.Writer.TryWrite(send);
        }

        public void Load(PostmortemInfo info)
        {
            Text = info.Markdown;
            Version = info.Version;
            Status = info.Status;
            Recent.Clear();
            // Cursors were at the old version's positions; the editors send new ones.
            foreach (var presence in Presence.Values) presence.Anchor = presence.Head = -1;
            Loaded = true;
        }

        public PostmortemSnapshot Snapshot() => new(Id, Version, Text, Status, PresenceList());

        public IReadOnlyList<PresenceDto> PresenceList()
        {
            var list = new PresenceDto[Presence.Count];
            var i = 0;
            foreach (var p in Presence.Values) list[i++] = p.ToDto();
            return list;
        }

        /// <summary>Moves every cursor through an accepted change; the author's own cursor stays after what they inserted.</summary>
        public void MapPresence(CollabUpdate update)
        {
            foreach (var presence in Presence.Values)
            {
                var assoc = presence.ClientId == update.ClientId ? 1 : -1;
                presence.Anchor = MapOrUnknown(update.Changes, presence.Anchor, assoc);
                presence.Head = MapOrUnknown(update.Changes, presence.Head, assoc);
            }
        }

        public string ColorFor(string author)
        {
            if (Colors.TryGetValue(author, out var color)) return color;
            var used = Colors.Values.ToHashSet(StringComparer.Ordinal);
            color = Palette.FirstOrDefault(c => !used.Contains(c)) ?? Palette[Colors.Count % Palette.Count];
            Colors[author] = color;
            return color;
        }

        public void Close() => Outbox.Writer.TryComplete();
    }

    private static int MapOrUnknown(ChangeSet changes, int position, int assoc) =>
        position < 0 || position > changes.Length ? -1 : changes.MapPos(position, assoc);

    /// <summary>One editor in a document. Mutable, under the document's lock.</summary>
    private sealed class Presence(string connectionId, string clientId, string name, string color)
    {
        public string ConnectionId { get; set; } = connectionId;
        public string ClientId { get; } = clientId;
        public string Name { get; set; } = name;
        public string Color { get; set; } = color;
        public int Anchor { get; set; } = -1;
        public int Head { get; set; } = -1;

        public PresenceDto ToDto() => new(ClientId, Name, Color, Anchor, Head);
    }
}
