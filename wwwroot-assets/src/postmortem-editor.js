// The postmortem editor: CodeMirror 6 with @codemirror/collab, kept in step with the server's PostmortemHub
// (/hubs/postmortems) over SignalR. The server is the central authority (notes/collab-protocol.md): it orders every
// accepted change set; this module sends its own unconfirmed changes, applies everyone's accepted ones, and shows whether
// the author's edits are saved.
//
// Used from Components/Pages/Postmortems/PostmortemEditor.razor.cs: mount(element, options) returns a handle with
// destroy(), selection(), showPassage(from, to) and syncState(). No globals: sessions live in a WeakMap keyed by their host element.
//
// The module renders its own status line and never calls back into .NET: the page's Blazor circuit and this hub
// connection fail independently (a server restart drops both, the hub comes back first), and a call into a circuit that
// is down becomes an unhandled rejection inside blazor.web.js.
//
// An edit is never silently lost:
// - while the connection is down, edits stay in collab's unconfirmed list and are sent after the reconnect (the server
//   drops any it had already accepted from this clientID, so a resend is harmless);
// - the unconfirmed edits and the document they apply to are also kept in sessionStorage, so a reload of the tab (Blazor
//   reloads the page when the server restarted and forgot its circuit) brings them back and sends them;
// - an edit the server refuses stays in the editor and the page says "Not saved: <reason>".
import { HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { Annotation, ChangeSet, Compartment, EditorState, Text, Transaction } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { markdown } from "@codemirror/lang-markdown";
import { collab, getSyncedVersion, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import { MAX_EDIT_CHARS, PIECE_CHARS, splitText, takeBatch } from "./message-budget.js";
import { describeSync, refusalReason } from "./sync-status.js";
import { remoteCursors, setRemoteCursors } from "./remote-cursors.js";

const sessions = new WeakMap();

const CURSOR_INTERVAL_MS = 100; // at most 10 cursor messages a second (the contract's limit)
const PERSIST_INTERVAL_MS = 250;
const MAX_RETRY_DELAY_MS = 10_000;
const ACK_PATIENCE_MS = 250; // how long an accepted push may wait for its own broadcast before the editor pulls

// Marks transactions this module makes itself (a split paste's pieces, edits restored from sessionStorage): the size
// filter lets them through.
const trusted = Annotation.define();

/**
 * Starts editing postmortem options.postmortemId inside element (its children are replaced).
 * options: { postmortemId: number, hubUrl?: string, displayName?: string, ariaLabel?: string }
 */
export function mount(element, options) {
    if (!element) throw new Error("postmortem-editor: no host element");
    sessions.get(element)?.destroy();
    const session = new EditorSession(element, options ?? {});
    sessions.set(element, session);
    session.start();
    return {
        destroy: () => {
            session.destroy();
            if (sessions.get(element) === session) sessions.delete(element);
        },
        selection: () => session.selection(),
        showPassage: (from, to) => session.showPassage(from, to),
        syncState: () => session.syncState(),
    };
}

/** Stops the session mounted in element, if any (for callers that no longer hold the handle). */
export function destroy(element) {
    const session = element ? sessions.get(element) : undefined;
    if (!session) return;
    sessions.delete(element);
    session.destroy();
}

class EditorSession {
    constructor(element, options) {
        this.element = element;
        this.postmortemId = Number(options.postmortemId);
        this.hubUrl = options.hubUrl || "/hubs/postmortems";
        this.displayName = options.displayName || "Guest";
        this.ariaLabel = options.ariaLabel || "Postmortem (Markdown)";
        // A viewer watches: the text follows everyone's edits but takes no typing (the hub refuses a viewer's pushes anyway).
        this.readOnly = options.readOnly === true;
        this.storage = new TabStorage(this.postmortemId);
        this.clientId = this.storage.clientId();

        this.view = null;
        this.syncedDoc = null; // the document at the synced version: what sessionStorage keeps beside the unconfirmed edits
        this.connected = false;
        this.joined = false;
        this.everJoined = false;
        this.inFlight = false;
        this.error = null; // a refusal that retrying will not fix
        this.notice = null; // a local refusal (a paste too large), cleared by the next edit
        this.final = false;
        this.ackedVersion = 0; // the server accepted our push up to here; wait for it before pushing again
        this.presence = [];
        this.destroyed = false;
        this.connecting = false;
        this.pushQueued = false;
        this.queue = Promise.resolve();
        this.cursorTimer = 0;
        this.lastCursorAt = 0;
        this.persistTimer = 0;
        this.editable = new Compartment();

        element.replaceChildren();
        this.statusLine = document.createElement("div");
        this.statusLine.className = "driftboard-editor-status";
        this.statusLine.setAttribute("role", "status");
        this.statusLine.setAttribute("aria-live", "polite");
        this.statusLine.dataset.testid = "postmortem-sync-status";
        this.editorHost = document.createElement("div");
        this.editorHost.className = "driftboard-editor-host";
        element.append(this.statusLine, this.editorHost);

        this.onOffline = () => this.goOffline();
        this.onOnline = () => this.connectLoop();
        this.onPageHide = () => this.persistNow();
        window.addEventListener("offline", this.onOffline);
        window.addEventListener("online", this.onOnline);
        window.addEventListener("pagehide", this.onPageHide);

        this.connection = this.buildConnection();
        this.render();
    }

    start() {
        // Edits a previous page of this tab could not send: show them at once (even offline) and send them once joined.
        const saved = this.storage.loadPending();
        if (saved) this.createView(Text.of(saved.baseDoc.split("\n")), saved.base, saved.updates);
        this.connectLoop();
    }

    // ---- connection ----

    buildConnection() {
        const connection = new HubConnectionBuilder()
            .withUrl(this.hubUrl)
            // Retry forever: 0.5 s, 1 s, 2 s, … up to 10 s between attempts, with a little jitter so tabs do not stampede.
            .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => retryDelay(context.previousRetryCount) })
            // A lost connection is expected (offline, server restart): warnings, not console errors.
            .configureLogging({ log: (level, message) => { if (level >= LogLevel.Warning) console.warn("postmortem hub:", message); } })
            .build();

        connection.on("Updates", (postmortemId, fromVersion, updates) => {
            if (postmortemId !== this.postmortemId) return;
            this.enqueue(() => this.applyRemote(fromVersion, updates));
        });
        connection.on("Presence", (postmortemId, presence) => {
            if (postmortemId !== this.postmortemId) return;
            this.showPresence(presence);
        });
        connection.on("Status", (postmortemId, status) => {
            if (postmortemId !== this.postmortemId) return;
            this.setStatus(status);
        });
        connection.onreconnecting(() => {
            this.connected = false;
            this.joined = false;
            this.render();
        });
        connection.onreconnected(() => this.enqueue(() => this.join()));
        connection.onclose(() => {
            this.connected = false;
            this.joined = false;
            this.render();
            // Closed for good only when we stopped it (destroyed, or the browser went offline); otherwise start over.
            if (!this.destroyed && navigator.onLine !== false) this.connectLoop();
        });
        return connection;
    }

    async connectLoop() {
        if (this.connecting || this.destroyed) return;
        this.connecting = true;
        try {
            for (let attempt = 0; !this.destroyed && this.connection.state === HubConnectionState.Disconnected; attempt++) {
                if (navigator.onLine === false) return; // the "online" event starts the loop again
                try {
                    await this.connection.start();
                } catch {
                    await delay(retryDelay(attempt));
                }
            }
        } finally {
            this.connecting = false;
        }
        if (!this.destroyed && this.connection.state === HubConnectionState.Connected) this.enqueue(() => this.join());
    }

    // The browser knows it has no network (navigator.onLine is false). Chromium keeps an open WebSocket looking alive
    // in that state, so stop it: the author sees "Offline" at once, and the "online" event reconnects.
    goOffline() {
        this.connected = false;
        this.joined = false;
        this.render();
        this.connection.stop().catch(() => { });
    }

    enqueue(work) {
        // Join, pull, push and applying broadcasts run one at a time, in arrival order: each reads and moves the synced
        // version, and the hub sends an accepted push's broadcast before the push's reply.
        this.queue = this.queue.then(() => (this.destroyed ? undefined : work())).catch(error => this.fail(error));
        return this.queue;
    }

    async join() {
        if (this.connection.state !== HubConnectionState.Connected) return;
        const reply = await this.connection.invoke("Join", this.postmortemId, this.clientId, this.displayName);
        this.connected = true;
        this.error = null; // a new connection is a new chance for whatever the server refused before
        if (!this.view) {
            this.createView(Text.of(String(reply.doc ?? "").split("\n")), reply.version, []);
        } else if (reply.version > getSyncedVersion(this.view.state)) {
            await this.pull();
        } else if (reply.version < getSyncedVersion(this.view.state)) {
            // The server has fewer accepted changes than this editor already saw: it lost some. Do not push on top.
            this.error = `the server is at version ${reply.version}, behind this editor's ${getSyncedVersion(this.view.state)}; copy your text and reload`;
        }
        this.joined = true;
        this.everJoined = true;
        this.setStatus(reply.status);
        this.showPresence(reply.presence ?? []);
        this.render();
        this.schedulePush();
        this.scheduleCursor();
    }

    async pull() {
        const from = getSyncedVersion(this.view.state);
        const updates = await this.connection.invoke("Pull", this.postmortemId, from);
        this.applyRemote(from, updates ?? []);
        return (updates?.length ?? 0) > 0;
    }

    /** Applies accepted updates numbered from fromVersion; those already applied are skipped, a gap is pulled. */
    async applyRemote(fromVersion, wireUpdates) {
        if (!this.view) return; // not joined yet: the join reads the current document
        const version = getSyncedVersion(this.view.state);
        if (fromVersion > version) {
            await this.pull();
            return;
        }
        const fresh = wireUpdates.slice(version - fromVersion);
        if (fresh.length === 0) return;
        const updates = fresh.map(update => ({ clientID: update.clientId, changes: ChangeSet.fromJSON(update.changes) }));
        for (const update of updates) this.syncedDoc = update.changes.apply(this.syncedDoc);
        // One update at a time, as the server rebases (CollabRebase.RebaseUpdatesStepwise): mapping over a composition of
        // changes can differ from mapping over each in turn, so both sides must take the same steps to converge.
        for (const update of updates) this.view.dispatch(receiveUpdates(this.view.state, [update]));
        this.redrawPresence();
        this.schedulePersist();
        this.render();
        if (getSyncedVersion(this.view.state) >= this.ackedVersion) this.schedulePush();
    }

    schedulePush() {
        if (this.pushQueued) return;
        this.pushQueued = true;
        this.enqueue(() => {
            this.pushQueued = false;
            return this.push();
        });
    }

    async push() {
        if (!this.view || !this.joined || this.error || this.final || this.readOnly) return;
        const state = this.view.state;
        const base = getSyncedVersion(state);
        // Our last accepted push has not come back as an update yet: sending again now would only resend it.
        if (base < this.ackedVersion) return;
        const pending = sendableUpdates(state);
        if (pending.length === 0) return;
        const batch = takeBatch(pending.map(update => ({ clientId: this.clientId, changes: update.changes.toJSON() })));

        this.inFlight = true;
        this.render();
        let reply;
        try {
            reply = await this.connection.invoke("Push", this.postmortemId, base, batch);
        } catch (error) {
            // The connection dropped mid-push: the edits stay unconfirmed and go again after the reconnect. Anything
            // else is the hub refusing the call itself (a HubException): show it rather than retry forever.
            if (this.connection.state === HubConnectionState.Connected) this.error = refusalReason(error?.message);
            return;
        } finally {
            this.inFlight = false;
            this.render();
        }

        if (reply.accepted) {
            this.ackedVersion = reply.version;
            // The hub broadcasts our accepted updates to the whole group, us included, usually right after this reply;
            // applying that broadcast confirms them and sends what was typed meanwhile. Pull only if it does not come.
            setTimeout(() => this.enqueue(() => this.catchUp(reply.version)), ACK_PATIENCE_MS);
            return;
        }
        // Refused. A newer document (someone else's edits, a stale base) is worth one pull and another try; a refusal
        // with nothing new to pull (final, malformed, too large) stays refused until something changes.
        if (await this.pull()) {
            this.schedulePush();
        } else {
            const reason = refusalReason(reply.error);
            // Final: the Status message (or the next join) says so, and reopening lets the edits go.
            if (reason === refusalReason("final")) this.setStatus("final");
            else this.error = reason;
            this.render();
        }
    }

    async catchUp(version) {
        if (!this.view) return;
        if (getSyncedVersion(this.view.state) < version) await this.pull();
        this.schedulePush();
    }

    setStatus(status) {
        const final = status === "final";
        if (final !== this.final && this.view) {
            this.view.dispatch({ effects: this.editable.reconfigure(editableExtension(!final && !this.readOnly)) });
        }
        this.final = final;
        this.render();
        if (!final) this.schedulePush();
    }

    fail(error) {
        if (this.destroyed) return;
        if (this.connection.state !== HubConnectionState.Connected) return; // a dropped connection: the reconnect retries
        console.warn("postmortem editor:", error);
        this.error = refusalReason(error?.message ?? String(error));
        this.render();
    }

    // ---- editor ----

    createView(doc, version, restoredUpdates) {
        this.syncedDoc = doc;
        this.ackedVersion = version;
        const state = EditorState.create({
            doc,
            extensions: [
                collab({ startVersion: version, clientID: this.clientId }),
                history(),
                keymap.of([...defaultKeymap, ...historyKeymap]),
                markdown(),
                syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
                EditorView.lineWrapping,
                EditorView.contentAttributes.of({ "aria-label": this.ariaLabel }),
                this.editable.of(editableExtension(!this.final && !this.readOnly)),
                remoteCursors(),
                EditorState.transactionFilter.of(tr => this.limitSize(tr)),
                EditorView.updateListener.of(update => this.onUpdate(update)),
            ],
        });
        this.view = new EditorView({ state, parent: this.editorHost });
        for (const update of restoredUpdates) {
            this.view.dispatch({ changes: update.changes, annotations: [trusted.of(true), Transaction.addToHistory.of(false)] });
        }
        this.redrawPresence();
        this.render();
    }

    onUpdate(update) {
        const local = update.transactions.some(tr => tr.docChanged && !tr.annotation(Transaction.remote));
        if (local) {
            this.notice = null;
            this.schedulePersist();
            this.schedulePush();
            this.render();
        }
        if (update.selectionSet || update.docChanged) this.scheduleCursor();
    }

    // One hub message stays under the server's limit: a large paste is cut into pieces, each its own update; a paste past
    // MAX_EDIT_CHARS is refused with a message instead of being sent and failing.
    limitSize(tr) {
        if (!tr.docChanged || tr.annotation(trusted) || tr.annotation(Transaction.remote)) return tr;
        const inserts = [];
        tr.changes.iterChanges((fromA, toA, _fromB, _toB, text) => inserts.push({ fromA, toA, text: text.toString() }));
        const inserted = inserts.reduce((sum, change) => sum + change.text.length, 0);
        if (inserted <= PIECE_CHARS) return tr;
        if (inserted > MAX_EDIT_CHARS || inserts.length !== 1) {
            this.notice = `the pasted text is too large to send at once (${inserted.toLocaleString("en")} characters; at most ${MAX_EDIT_CHARS.toLocaleString("en")}, in one place)`;
            queueMicrotask(() => this.render());
            return [];
        }
        const [{ fromA, toA, text }] = inserts;
        queueMicrotask(() => this.insertInPieces(fromA, toA, text));
        return [];
    }

    insertInPieces(from, to, text) {
        if (!this.view || this.destroyed) return;
        let at = from;
        let replaceTo = to;
        for (const piece of splitText(text, PIECE_CHARS)) {
            this.view.dispatch({
                changes: { from: at, to: replaceTo, insert: piece },
                selection: { anchor: at + piece.length },
                userEvent: "input.paste",
                annotations: trusted.of(true),
                scrollIntoView: true,
            });
            at += piece.length;
            replaceTo = at;
        }
    }

    /** The main selection in the server's numbering (the synced version), for anchoring a comment; null before joining. */
    selection() {
        if (!this.view) return null;
        const state = this.view.state;
        const toSynced = unconfirmedDesc(state)?.invertedDesc;
        const range = state.selection.main;
        const from = toSynced ? toSynced.mapPos(range.from, -1) : range.from;
        const to = toSynced ? toSynced.mapPos(range.to, 1) : range.to;
        return { from, to, version: getSyncedVersion(state) };
    }

    /** Selects [from, to) given in the server's current numbering and scrolls to it. */
    showPassage(from, to) {
        if (!this.view) return;
        const toLocal = unconfirmedDesc(this.view.state);
        const length = this.view.state.doc.length;
        const local = (pos, assoc) => {
            const clamped = Math.max(0, Math.min(pos, toLocal ? toLocal.length : length));
            return Math.min(length, toLocal ? toLocal.mapPos(clamped, assoc) : clamped);
        };
        this.view.dispatch({ selection: { anchor: local(from, 1), head: local(to, -1) }, scrollIntoView: true });
        this.view.focus();
    }

    syncState() {
        return describeSync(this.syncInputs());
    }

    // ---- presence and cursors ----

    showPresence(presence) {
        this.presence = Array.isArray(presence) ? presence : [];
        this.redrawPresence();
    }

    redrawPresence() {
        if (!this.view) return;
        // Presence positions are in the server's numbering; our own unsent edits sit on top of it.
        const toLocal = unconfirmedDesc(this.view.state);
        const others = this.presence
            .filter(p => p.clientId !== this.clientId && p.head >= 0)
            .map(p => ({
                ...p,
                anchor: toLocal && p.anchor >= 0 ? toLocal.mapPos(Math.min(p.anchor, toLocal.length), 1) : p.anchor,
                head: toLocal ? toLocal.mapPos(Math.min(p.head, toLocal.length), 1) : p.head,
            }));
        this.view.dispatch({ effects: setRemoteCursors.of(others) });
    }

    scheduleCursor() {
        if (this.cursorTimer) return;
        const wait = Math.max(0, this.lastCursorAt + CURSOR_INTERVAL_MS - Date.now());
        this.cursorTimer = setTimeout(() => {
            this.cursorTimer = 0;
            this.lastCursorAt = Date.now();
            this.sendCursor();
        }, wait);
    }

    sendCursor() {
        if (!this.view || !this.joined || this.connection.state !== HubConnectionState.Connected) return;
        const state = this.view.state;
        const toSynced = unconfirmedDesc(state)?.invertedDesc;
        const { anchor, head } = state.selection.main;
        const map = pos => (toSynced ? toSynced.mapPos(pos, -1) : pos);
        this.connection.send("Cursor", this.postmortemId, getSyncedVersion(state), map(anchor), map(head)).catch(() => { });
    }

    // ---- persistence across reloads ----

    schedulePersist() {
        if (this.persistTimer) return;
        this.persistTimer = setTimeout(() => {
            this.persistTimer = 0;
            this.persistNow();
        }, PERSIST_INTERVAL_MS);
    }

    persistNow() {
        if (this.persistTimer) {
            clearTimeout(this.persistTimer);
            this.persistTimer = 0;
        }
        if (!this.view) return;
        const pending = sendableUpdates(this.view.state);
        if (pending.length === 0) {
            this.storage.clearPending();
            return;
        }
        this.storage.savePending({
            base: getSyncedVersion(this.view.state),
            baseDoc: this.syncedDoc.toString(),
            updates: pending.map(update => update.changes.toJSON()),
        });
    }

    // ---- status line ----

    syncInputs() {
        const pending = this.view ? sendableUpdates(this.view.state).length : 0;
        return {
            connected: this.connected && this.connection.state === HubConnectionState.Connected,
            joined: this.joined,
            everJoined: this.everJoined,
            pending,
            inFlight: this.inFlight,
            // Final: the editor is read-only, and edits made before the lock (or offline) can no longer be saved.
            error: this.error ?? (this.final && pending > 0 ? refusalReason("final") : null) ?? this.notice,
        };
    }

    render() {
        if (this.destroyed) return;
        const sync = describeSync(this.syncInputs());
        if (this.statusLine.textContent !== sync.text) this.statusLine.textContent = sync.text;
        this.statusLine.dataset.state = sync.kind;
        this.statusLine.dataset.pending = String(sync.pending);
        this.element.dataset.syncState = sync.kind;
    }

    destroy() {
        if (this.destroyed) return;
        this.persistNow();
        this.destroyed = true;
        window.removeEventListener("offline", this.onOffline);
        window.removeEventListener("online", this.onOnline);
        window.removeEventListener("pagehide", this.onPageHide);
        clearTimeout(this.cursorTimer);
        this.connection.stop().catch(() => { });
        this.view?.destroy();
        this.view = null;
        this.element.replaceChildren();
        delete this.element.dataset.syncState;
    }
}

function editableExtension(editable) {
    return [EditorView.editable.of(editable), EditorState.readOnly.of(!editable)];
}

/** Our unsent edits composed: maps a position in the synced document to the local one (its inverse maps back). */
function unconfirmedDesc(state) {
    const pending = sendableUpdates(state);
    if (pending.length === 0) return null;
    let desc = pending[0].changes.desc;
    for (let i = 1; i < pending.length; i++) desc = desc.composeDesc(pending[i].changes.desc);
    return desc;
}

function retryDelay(attempt) {
    const base = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.min(attempt, 10));
    return base + Math.floor(Math.random() * 250);
}

function delay(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * This tab's identity and unsent edits for one postmortem, in sessionStorage: a reload keeps both (so a resend after a
 * reload uses the same clientID and the server drops what it already has), another tab gets its own.
 */
class TabStorage {
    constructor(postmortemId) {
        this.prefix = `driftboard.postmortem.${postmortemId}.`;
    }

    clientId() {
        const key = this.prefix + "clientId";
        let id = this.read(key);
        if (!id) {
            id = randomId();
            this.write(key, id);
        }
        return id;
    }

    loadPending() {
        const text = this.read(this.prefix + "pending");
        if (!text) return null;
        try {
            const saved = JSON.parse(text);
            if (!Number.isInteger(saved.base) || typeof saved.baseDoc !== "string" || !Array.isArray(saved.updates)) return null;
            let length = saved.baseDoc.length;
            const updates = saved.updates.map(json => {
                const changes = ChangeSet.fromJSON(json);
                if (changes.length !== length) throw new RangeError("saved edits do not fit their document");
                length = changes.newLength;
                return { changes };
            });
            return { base: saved.base, baseDoc: saved.baseDoc, updates };
        } catch (error) {
            console.warn("postmortem editor: ignoring unreadable saved edits", error);
            return null;
        }
    }

    savePending(value) {
        this.write(this.prefix + "pending", JSON.stringify(value));
    }

    clearPending() {
        try {
            sessionStorage.removeItem(this.prefix + "pending");
        } catch {
            // storage disabled: nothing was kept
        }
    }

    read(key) {
        try {
            return sessionStorage.getItem(key);
        } catch {
            return null;
        }
    }

    write(key, value) {
        try {
            sessionStorage.setItem(key, value);
        } catch {
            // Storage full or disabled: the edits still live in the editor and go out when the connection allows.
        }
    }
}

function randomId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}
