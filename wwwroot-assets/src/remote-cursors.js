// Other authors' cursors and selections as CodeMirror decorations: a coloured caret with the author's name above it, and
// a tinted background over what they selected. Positions arrive from the hub's Presence message; between two messages
// the decorations move with the document's changes like any other range.
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, WidgetType } from "@codemirror/view";

/** Replaces every remote cursor: [{clientId, name, color, anchor, head}] in this document's current positions. */
export const setRemoteCursors = StateEffect.define();

const FALLBACK_COLOR = "#7e57c2";
// Colours come from the server, but a colour goes into a style attribute: only plain hex or rgb()/hsl() pass.
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\(\s*[0-9.,%\s]+\))$/i;

export function safeColor(color) {
    return typeof color === "string" && SAFE_COLOR.test(color.trim()) ? color.trim() : FALLBACK_COLOR;
}

class CaretWidget extends WidgetType {
    constructor(name, color) {
        super();
        this.name = name;
        this.color = color;
    }

    eq(other) {
        return other.name === this.name && other.color === this.color;
    }

    toDOM() {
        const caret = document.createElement("span");
        caret.className = "cm-remote-caret";
        caret.style.borderLeftColor = this.color;
        caret.setAttribute("aria-hidden", "true");
        const label = document.createElement("span");
        label.className = "cm-remote-caret-label";
        label.style.backgroundColor = this.color;
        label.textContent = this.name;
        caret.appendChild(label);
        return caret;
    }

    ignoreEvent() {
        return true;
    }
}

function clamp(pos, length) {
    return Number.isInteger(pos) ? Math.max(0, Math.min(pos, length)) : -1;
}

function decorationsFor(cursors, docLength) {
    const ranges = [];
    for (const cursor of cursors) {
        const head = clamp(cursor.head, docLength);
        if (head < 0) continue;
        const anchor = clamp(cursor.anchor, docLength);
        const color = safeColor(cursor.color);
        if (anchor >= 0 && anchor !== head) {
            const from = Math.min(anchor, head), to = Math.max(anchor, head);
            ranges.push(Decoration.mark({
                class: "cm-remote-selection",
                attributes: { style: `background-color: color-mix(in srgb, ${color} 25%, transparent)` },
            }).range(from, to));
        }
        ranges.push(Decoration.widget({ widget: new CaretWidget(String(cursor.name ?? ""), color), side: 1 }).range(head));
    }
    return Decoration.set(ranges, true);
}

const remoteCursorField = StateField.define({
    create: () => Decoration.none,
    update(decorations, tr) {
        let next = decorations.map(tr.changes);
        for (const effect of tr.effects) {
            if (effect.is(setRemoteCursors)) next = decorationsFor(effect.value, tr.state.doc.length);
        }
        return next;
    },
    provide: field => EditorView.decorations.from(field),
});

const remoteCursorTheme = EditorView.baseTheme({
    ".cm-remote-caret": {
        position: "relative",
        borderLeft: "2px solid",
        marginLeft: "-1px",
        marginRight: "-1px",
    },
    ".cm-remote-caret-label": {
        position: "absolute",
        bottom: "1.1em",
        left: "-2px",
        padding: "0 4px",
        borderRadius: "3px 3px 3px 0",
        color: "#fff",
        fontSize: "0.7em",
        lineHeight: "1.4",
        whiteSpace: "nowrap",
        pointerEvents: "none",
        userSelect: "none",
        zIndex: "5",
    },
});

export function remoteCursors() {
    return [remoteCursorField, remoteCursorTheme];
}
