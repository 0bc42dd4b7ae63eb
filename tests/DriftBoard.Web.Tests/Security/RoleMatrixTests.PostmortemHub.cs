using System.Net;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Security;

/// <summary>
/// The co-editing hub's methods in the role matrix: each role over a real SignalR connection carrying its own session cookie,
/// each call against a postmortem of its own (so one row's status change cannot decide another's). Allowed means the call
/// had its effect (the document, its status or the presence changed as asked); refused means it had none and said why.
/// </summary>
public sealed partial class RoleMatrixTests
{
    public enum HubAction
    {
        Join,
        Pull,
        Cursor,
        Push,
        ChangeStatus,
        Reopen,
    }

    /// <summary>The least role each hub method needs: a viewer may watch (join, pull, show a cursor), not change anything.</summary>
    private static readonly Dictionary<HubAction, UserRole> HubMethods = new()
    {
        [HubAction.Join] = UserRole.Viewer,
        [HubAction.Pull] = UserRole.Viewer,
        [HubAction.Cursor] = UserRole.Viewer,
        [HubAction.Push] = UserRole.Author,
        [HubAction.ChangeStatus] = UserRole.Author,
        [HubAction.Reopen] = UserRole.Admin,
    };

    public static TheoryData<UserRole, HubAction> HubRows()
    {
        var rows = new TheoryData<UserRole, HubAction>();
        foreach (var role in UserRoles.All)
        foreach (var action in Enum.GetValues<HubAction>())
            rows.Add(role, action);
        return rows;
    }

    private const string Text = "abc";

    private readonly Dictionary<string, string> _cookies = [];

    private async Task<string> CookieAsync(UserRole role) =>
        _cookies.TryGetValue(role.Name(), out var cookie) ? cookie : _cookies[role.Name()] = await _factory.SessionCookieAsync(role);

    private PostmortemStore Postmortems => _factory.Services.GetRequiredService<PostmortemStore>();

    private PostmortemAuthority Authority => _factory.Services.GetRequiredService<PostmortemAuthority>();

    [Fact]
    public void Every_hub_method_has_an_expected_role()
    {
        // A new public method on the hub fails here until it is given its least role (Leave only drops the caller's own presence).
        var methods = typeof(PostmortemHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(PostmortemHub.OnDisconnectedAsync))
            .Select(m => m.Name).Order().ToList();

        Assert.Equal(["Cursor", "Join", "Leave", "Pull", "Push", "SetStatus"], methods);
    }

    [Theory]
    [MemberData(nameof(HubRows))]
    public async Task Postmortem_hub_methods_answer_each_role_as_the_matrix_says(UserRole role, HubAction action)
    {
        var id = Postmortems.Create(null, $"Role matrix: {role.Name()} {action}", "default", Text, "lead");
        if (action == HubAction.Reopen) Assert.True(await Authority.SetStatusAsync(id, PostmortemStatus.Final, "lead"));
        await using var connection = _factory.HubConnection(PostmortemHub.Path, await CookieAsync(role));
        await connection.StartAsync();

        var (allowed, refusal) = await AttemptAsync(connection, id, action);

        var expected = role >= HubMethods[action];
        Assert.True(allowed == expected, $"{role.Name()} {action}: expected {(expected ? "allowed" : "refused")}, was {(allowed ? "allowed" : "refused")} {refusal}");
        if (!allowed)
        {
            Assert.Contains(action == HubAction.Reopen && role == UserRole.Author ? "admin role" : "author or admin role", refusal);
        }
    }

    /// <summary>Runs <paramref name="action"/> and reports whether it took effect, and the refusal's words if it did not.</summary>
    private async Task<(bool Allowed, string? Refusal)> AttemptAsync(HubConnection connection, long id, HubAction action)
    {
        try
        {
            var join = await connection.InvokeAsync<JoinReply>("Join", id, "matrix", "someone");
            if (action == HubAction.Join) return (join.Doc == Text, null);
            switch (action)
            {
                case HubAction.Pull:
                    await connection.InvokeAsync<UpdateDto[]>("Pull", id, 0);
                    return (true, null);
                case HubAction.Cursor:
                    await connection.InvokeAsync("Cursor", id, 0, 1, 2);
                    var presence = (await Authority.GetAsync(id))!.Presence;
                    return (presence.Any(p => p.ClientId == "matrix" && p.Anchor == 1 && p.Head == 2), null);
                case HubAction.Push:
                    var update = new UpdateDto("matrix", System.Text.Json.JsonDocument.Parse(ChangeSet.Replace(Text, Text + "d").ToJson()).RootElement.Clone());
                    var reply = await connection.InvokeAsync<PushReply>("Push", id, 0, new[] { update });
                    Assert.Equal(reply.Accepted, Postmortems.Get(id)!.Markdown == Text + "d");
                    return (reply.Accepted, reply.Error);
                case HubAction.ChangeStatus:
                    await connection.InvokeAsync<bool>("SetStatus", id, "in_review");
                    return (Postmortems.Get(id)!.Status == PostmortemStatus.InReview, null);
                case HubAction.Reopen:
                    await connection.InvokeAsync<bool>("SetStatus", id, "draft");
                    return (Postmortems.Get(id)!.Status == PostmortemStatus.Draft, null);
                default:
                    throw new ArgumentOutOfRangeException(nameof(action), action, null);
            }
        }
        catch (HubException e)
        {
            // Refused: and nothing changed.
            var stored = Postmortems.Get(id)!;
            Assert.Equal(Text, stored.Markdown);
            Assert.Equal(action == HubAction.Reopen ? PostmortemStatus.Final : PostmortemStatus.Draft, stored.Status);
            return (false, e.Message);
        }
    }

    [Fact]
    public async Task The_postmortem_hub_refuses_anonymous_connections()
    {
        await using var anonymous = _factory.HubConnection(PostmortemHub.Path, sessionCookie: null);

        var refused = await Record.ExceptionAsync(() => anonymous.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, Assert.IsType<HttpRequestException>(refused).StatusCode);
    }

    [Fact]
    public async Task An_open_hub_connection_loses_editing_when_its_user_is_demoted()
    {
        // An account of its own: the shared test accounts keep their roles for the other rows.
        const string name = "matrix-demoted-author";
        var users = _factory.Services.GetRequiredService<UserStore>();
        if (users.Find(name) is null) users.Add(name, TestUsers.Password, UserRole.Author);
        else users.SetRole(name, UserRole.Author);
        var cookie = await _factory.SessionCookieAsync(name);
        var id = Postmortems.Create(null, "Demotion", "default", Text, "lead");
        // One WebSocket, as the editor connects: no later request would carry the cookie to be checked again.
        await using var connection = _factory.WebSocketHubConnection(PostmortemHub.Path, cookie);
        await connection.StartAsync();
        await connection.InvokeAsync<JoinReply>("Join", id, "matrix", "someone");
        Assert.True(await connection.InvokeAsync<bool>("SetStatus", id, "in_review"));

        Assert.True(users.SetRole(name, UserRole.Viewer));

        // The same connection, negotiated as an author: its next edits are refused.
        var update = new UpdateDto("matrix", System.Text.Json.JsonDocument.Parse(ChangeSet.Replace(Text, "x").ToJson()).RootElement.Clone());
        var push = await connection.InvokeAsync<PushReply>("Push", id, 0, new[] { update });
        Assert.False(push.Accepted);
        Assert.Equal(PostmortemAuthority.EditNeedsAuthor, push.Error);
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<bool>("SetStatus", id, "draft"));
        Assert.Equal(Text, Postmortems.Get(id)!.Markdown);
        Assert.Equal(PostmortemStatus.InReview, Postmortems.Get(id)!.Status);
    }
}
