// How big one hub message may get. The server's SignalR limit is 32 KB per incoming message (the default); a Push carries
// the update JSON plus a small envelope, so one batch stays under MAX_PUSH_BYTES and a single edit's inserted text is
// split into pieces of at most PIECE_CHARS (one piece per update). An edit past MAX_EDIT_CHARS is refused outright:
// a postmortem should fit about three pages, and a paste that size is a mistake more often than not.
export const MAX_PUSH_BYTES = 30_000;
export const PIECE_CHARS = 8_000;
export const MAX_EDIT_CHARS = 200_000;

const encoder = new TextEncoder();

/** UTF-8 bytes of a value's JSON: what the hub counts against its limit. */
export function jsonBytes(value) {
    return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The longest prefix of wire updates ({clientId, changes}) whose JSON fits maxBytes; at least one update, so a single
 * update that is too large still goes out (and the server says why it refused it) instead of blocking the queue.
 */
export function takeBatch(wireUpdates, maxBytes = MAX_PUSH_BYTES) {
    let bytes = 2; // the array's brackets
    let count = 0;
    for (const update of wireUpdates) {
        const size = jsonBytes(update) + (count > 0 ? 1 : 0);
        if (count > 0 && bytes + size > maxBytes) break;
        bytes += size;
        count++;
    }
    return wireUpdates.slice(0, count);
}

/**
 * Cuts inserted text into pieces of at most maxChars UTF-16 code units, preferring to cut after a line break and never
 * inside a surrogate pair. Joining the pieces gives the text back.
 */
export function splitText(text, maxChars = PIECE_CHARS) {
    if (text.length <= maxChars) return [text];
    const pieces = [];
    let start = 0;
    while (text.length - start > maxChars) {
        let end = start + maxChars;
        const lineBreak = text.lastIndexOf("\n", end - 1);
        if (lineBreak >= start + maxChars / 2) {
            end = lineBreak + 1;
        } else if (isHighSurrogate(text.charCodeAt(end - 1))) {
            end--;
        }
        pieces.push(text.slice(start, end));
        start = end;
    }
    pieces.push(text.slice(start));
    return pieces;
}

function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}
