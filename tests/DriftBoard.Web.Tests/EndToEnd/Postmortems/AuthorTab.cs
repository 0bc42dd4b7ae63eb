using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DriftBoard.Web.Tests.EndToEnd.Postmortems;

/// <summary>One author's browser tab on a postmortem's editor page: what they see and how they type.</summary>
internal sealed class AuthorTab(BrowserSession session, string name)
{
    // The editor's text as the author sees it: CodeMirror's lines without the other authors' caret widgets (their names).
    private const string EditorText = """
        () => Array.from(document.querySelectorAll('[data-testid=postmortem-editor] .cm-content .cm-line'), line => {
            const copy = line.cloneNode(true);
            copy.querySelectorAll('.cm-remote-caret, .cm-widgetBuffer').forEach(node => node.remove());
            return copy.textContent;
        }).join('\n')
        """;

    private const string CountIn =
        "({ alphabet, count }) => { let seen = 0; for (const c of (" + EditorText + ")()) if (alphabet.includes(c)) seen++; return seen >= count; }";

    private const string TextIs = "expected => (" + EditorText + ")() === expected";

    public BrowserSession Session { get; } = session;

    public string Name { get; } = name;

    public IPage Page => Session.Page;

    public ILocator SyncStatus => Page.GetByTestId("postmortem-sync-status");

    public ILocator PresenceNames => Page.GetByTestId("presence").GetByTestId("presence-name");

    public async Task OpenAsync(long postmortemId)
    {
        await Session.GoToAsync($"/postmortems/{postmortemId}?name={Uri.EscapeDataString(Name)}");
        await WaitSavedAsync();
    }

    /// <summary>Waits until every edit of this tab is confirmed by the server ("Saved").</summary>
    public Task WaitSavedAsync() => Expect(SyncStatus).ToHaveAttributeAsync("data-state", "saved");

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load });
        await WaitSavedAsync();
    }

    /// <summary>Puts the cursor at the end of the first line that contains <paramref name="text"/>.</summary>
    public async Task PutCursorAtEndOfLineAsync(string text)
    {
        await Page.Locator("[data-testid=postmortem-editor] .cm-line", new PageLocatorOptions { HasText = text }).First.ClickAsync();
        await Page.Keyboard.PressAsync("End");
    }

    /// <summary>Types like a person: one key at a time with <paramref name="delayMs"/> between keys.</summary>
    public Task TypeAsync(string text, int delayMs) => Page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = delayMs });

    public Task<string> TextAsync() => Page.EvaluateAsync<string>(EditorText);

    /// <summary>How many characters of <paramref name="alphabet"/> this tab's editor shows now.</summary>
    public async Task<int> CountAsync(string alphabet) => Filter(await TextAsync(), alphabet).Length;

    /// <summary>Waits (up to <paramref name="timeoutMs"/>) until the editor shows at least <paramref name="count"/> characters of <paramref name="alphabet"/>.</summary>
    public Task WaitForCountAsync(string alphabet, int count, float timeoutMs) =>
        Page.WaitForFunctionAsync(CountIn, new { alphabet, count }, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 25 });

    /// <summary>Waits until the editor shows exactly <paramref name="expected"/>.</summary>
    public Task WaitForTextAsync(string expected) =>
        Page.WaitForFunctionAsync(TextIs, expected, new PageWaitForFunctionOptions { PollingInterval = 100 });

    /// <summary>The characters of <paramref name="text"/> that belong to <paramref name="alphabet"/>, in order.</summary>
    public static string Filter(string text, string alphabet) => string.Concat(text.Where(alphabet.Contains));
}
