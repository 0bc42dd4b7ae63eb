// What the editor tells its author about their edits, in plain words. One place decides the wording, so the page, the
// .NET callback and the tests read the same text.

/**
 * @param {{connected: boolean, joined: boolean, everJoined: boolean, pending: number, inFlight: boolean, error: string|null}} sync
 *   connected and joined: the hub connection is up and this editor joined the document on it; everJoined: it did at
 *   least once (before that, a missing connection is "Connecting…", afterwards it is "Offline").
 * @returns {{kind: "connecting"|"saved"|"saving"|"offline"|"error", pending: number, text: string}}
 */
export function describeSync(sync) {
    const pending = sync.pending;
    if (sync.error) {
        const waiting = pending > 0 ? ` (${edits(pending)} not sent)` : "";
        return { kind: "error", pending, text: `Not saved: ${sync.error}${waiting}` };
    }
    if (sync.connected && sync.joined) {
        if (pending > 0 || sync.inFlight) return { kind: "saving", pending, text: "Saving…" };
        return { kind: "saved", pending, text: "Saved" };
    }
    if (!sync.everJoined && pending === 0) return { kind: "connecting", pending, text: "Connecting…" };
    return {
        kind: "offline",
        pending,
        text: pending > 0
            ? `Offline — ${edits(pending)} waiting, they will be sent when the connection returns`
            : "Offline — no edits waiting; the editor reconnects by itself",
    };
}

function edits(count) {
    return count === 1 ? "1 edit" : `${count} edits`;
}

/**
 * The server's refusal in the author's words. The hub's error texts are short and technical ("locked", "malformed ...");
 * the postmortem being final is the one an author can act on (ask an admin to reopen it).
 */
export function refusalReason(error) {
    const text = (error ?? "").trim();
    if (/locked|final/i.test(text)) return "the postmortem is final (locked); ask an admin to reopen it";
    return text.length > 0 ? text : "the server refused the edit";
}
