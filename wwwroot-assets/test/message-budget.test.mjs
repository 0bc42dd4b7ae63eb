// node --test (npm test in wwwroot-assets): the editor's pure parts, without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonBytes, splitText, takeBatch } from "../src/message-budget.js";
import { describeSync, refusalReason } from "../src/sync-status.js";

test("splitText gives the text back in pieces no longer than asked, cut after a line break when one is near", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${"x".repeat(30)}`).join("\n");
    const pieces = splitText(lines, 1000);
    assert.equal(pieces.join(""), lines);
    assert.ok(pieces.length > 1);
    for (const piece of pieces) assert.ok(piece.length <= 1000, `piece of ${piece.length}`);
    for (const piece of pieces.slice(0, -1)) assert.ok(piece.endsWith("\n"), "a piece ends mid-line though a line break was near");
});

test("splitText never cuts a surrogate pair", () => {
    const text = "a" + "😀".repeat(600); // 1 + 1200 UTF-16 units
    const pieces = splitText(text, 100);
    assert.equal(pieces.join(""), text);
    for (const piece of pieces) {
        const last = piece.charCodeAt(piece.length - 1);
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), "a piece ends on a high surrogate");
    }
});

test("takeBatch keeps whole updates under the byte budget but always sends at least one", () => {
    const update = i => ({ clientId: "c", changes: [i, [0, "é".repeat(100)]] }); // é is two UTF-8 bytes
    const updates = Array.from({ length: 50 }, (_, i) => update(i));
    const batch = takeBatch(updates, 2000);
    assert.ok(batch.length > 1 && batch.length < updates.length);
    assert.ok(jsonBytes(batch) <= 2000, `batch of ${jsonBytes(batch)} bytes`);
    assert.ok(jsonBytes(updates.slice(0, batch.length + 1)) > 2000, "the batch stopped early");
    assert.equal(takeBatch([update(0)], 10).length, 1);
    assert.deepEqual(takeBatch([], 10), []);
});

test("describeSync says Saved, Saving, Offline with the count, or Not saved with the reason", () => {
    const base = { connected: true, joined: true, everJoined: true, pending: 0, inFlight: false, error: null };
    assert.deepEqual(describeSync(base), { kind: "saved", pending: 0, text: "Saved" });
    assert.equal(describeSync({ ...base, pending: 2 }).text, "Saving…");
    assert.equal(describeSync({ ...base, inFlight: true }).kind, "saving");
    assert.equal(describeSync({ ...base, connected: false, pending: 3 }).text,
        "Offline — 3 edits waiting, they will be sent when the connection returns");
    assert.equal(describeSync({ ...base, connected: false, pending: 1 }).text,
        "Offline — 1 edit waiting, they will be sent when the connection returns");
    assert.equal(describeSync({ ...base, connected: false, joined: false, everJoined: false }).kind, "connecting");
    assert.equal(describeSync({ ...base, error: "malformed update", pending: 2 }).text, "Not saved: malformed update (2 edits not sent)");
});

test("refusalReason names a locked postmortem in the author's words", () => {
    assert.equal(refusalReason("locked: the postmortem is final"), "the postmortem is final (locked); ask an admin to reopen it");
    assert.equal(refusalReason("base version 9 is ahead of the server's 7"), "base version 9 is ahead of the server's 7");
    assert.equal(refusalReason(""), "the server refused the edit");
});
