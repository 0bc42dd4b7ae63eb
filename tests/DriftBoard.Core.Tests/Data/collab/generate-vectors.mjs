// Generates vectors.json: random change-set cases with the outputs of the real CodeMirror JavaScript
// (@codemirror/state ChangeSet, @codemirror/collab rebaseUpdates), replayed by CollabVectorTests so the C# port
// (DriftBoard.Core.Postmortems.Collab) must agree character for character.
//
// Not run at test time. To regenerate (deterministic: fixed seed):
//   mkdir -p /tmp/cm && cd /tmp/cm && npm init -y && npm install @codemirror/state@6 @codemirror/collab@6
//   node tests/DriftBoard.Core.Tests/Data/collab/generate-vectors.mjs [/tmp/cm/node_modules/]
// The committed vectors came from @codemirror/state 6.7.6 and @codemirror/collab 6.1.1 (recorded under "versions").
import { createRequire } from "node:module";
import { writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const modules = process.argv[2] ?? "/tmp/cm/node_modules/";
const require = createRequire(modules.endsWith("/") ? modules : modules + "/");
const { ChangeSet, Text } = require("@codemirror/state");
const { rebaseUpdates } = require("@codemirror/collab");
const version = name => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;

// mulberry32: small seeded generator so reruns produce the same file.
let seed = 0x5eed1234;
function random() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = n => Math.floor(random() * n);
const pick = items => items[int(items.length)];
// CodeMirror applies changes to Text (lines); documents here are plain strings with "\n" line breaks.
const asText = s => Text.of(s.split("\n"));
const apply = (changes, s) => changes.apply(asText(s)).toString();

const alphabet = ["a", "b", "c", "x", "y", "\n", "é", "\"", "\\", " "];
function text(max) {
  let result = "";
  for (let n = int(max + 1); n > 0; n--) result += pick(alphabet);
  return result;
}
const doc = () => (random() < 0.1 ? "" : text(24));

// Sorted, non-overlapping changes (what an editor transaction produces), sometimes none.
function changeSet(length, maxChanges = 4) {
  const changes = [];
  let pos = 0;
  for (let n = int(maxChanges + 1); n > 0 && pos <= length; n--) {
    const from = pos + int(length - pos + 1);
    const to = from + (random() < 0.5 ? 0 : int(Math.min(5, length - from) + 1));
    const insert = random() < 0.3 ? "" : text(4);
    changes.push({ from, to, insert });
    pos = to + (random() < 0.3 ? 0 : 1);
  }
  return ChangeSet.of(changes, length);
}

const cases = [];

// map: a and b concurrent on one document, both before flags, both directions (TP1 as collab uses it).
for (let k = 0; k < 80; k++) {
  const d = doc();
  const a = changeSet(d.length), b = changeSet(d.length);
  const before = random() < 0.5;
  const mapped = a.map(b, before);
  cases.push({
    kind: "map", doc: d, a: a.toJSON(), b: b.toJSON(), before,
    mapped: mapped.toJSON(),
    mappedDesc: a.desc.mapDesc(b.desc, before).toJSON(),
    result: apply(mapped, apply(b, d)),
    inverted: a.invert(asText(d)).toJSON(),
  });
}

// compose: b starts where a ends.
for (let k = 0; k < 60; k++) {
  const d = doc();
  const a = changeSet(d.length);
  const b = changeSet(a.newLength);
  const composed = a.compose(b);
  cases.push({
    kind: "compose", doc: d, a: a.toJSON(), b: b.toJSON(),
    composed: composed.toJSON(),
    composedDesc: a.desc.composeDesc(b.desc).toJSON(),
    result: apply(composed, d),
  });
}

// mapPos with assoc -1 and 1 at every position, and iterChanges (joined and individual).
for (let k = 0; k < 50; k++) {
  const d = doc();
  const a = changeSet(d.length, 5);
  const positions = [];
  for (let pos = 0; pos <= d.length; pos++) positions.push([pos, a.mapPos(pos, -1), a.mapPos(pos, 1)]);
  const joined = [], individual = [];
  a.iterChanges((fromA, toA, fromB, toB, t) => joined.push([fromA, toA, fromB, toB, t.toString()]));
  a.iterChanges((fromA, toA, fromB, toB, t) => individual.push([fromA, toA, fromB, toB, t.toString()]), true);
  cases.push({ kind: "mapPos", doc: d, a: a.toJSON(), positions, joined, individual });
}

// of: unsorted and overlapping change specs (exercises change.ts's flush: later specs mapped over earlier ones),
// inserted text with \r\n and \r.
for (let k = 0; k < 50; k++) {
  const length = int(20);
  const specs = [];
  for (let n = int(5); n > 0; n--) {
    const from = int(length + 1), to = from + int(length - from + 1);
    let insert = random() < 0.25 ? "" : text(4);
    if (random() < 0.2) insert += pick(["\r\n", "\r"]) + text(2);
    specs.push({ from, to, insert });
  }
  cases.push({ kind: "of", length, changes: specs, set: ChangeSet.of(specs, length).toJSON() });
}

// rebase: one client ("me") pushed updates at base version 0; the server accepted foreign updates and possibly a
// prefix of "me"'s updates (a push whose reply was lost), so the resend must drop those and map the rest.
for (let k = 0; k < 60; k++) {
  const base = doc();
  const mine = [];
  let local = base;
  for (let n = 1 + int(4); n > 0; n--) {
    const changes = changeSet(local.length, 2);
    mine.push({ clientID: "me", changes });
    local = apply(changes, local);
  }
  const over = [];
  let server = base, acceptedMine = 0;
  for (let steps = int(6); steps > 0; steps--) {
    if (acceptedMine < mine.length && random() < 0.35) {
      const upTo = acceptedMine + 1 + int(mine.length - acceptedMine);
      const rebased = rebaseUpdates(mine.slice(0, upTo), over);
      for (const u of rebased) { over.push({ clientID: "me", changes: u.changes }); server = apply(u.changes, server); }
      acceptedMine = upTo;
    } else {
      const changes = changeSet(server.length, 2);
      over.push({ clientID: pick(["c1", "c2"]), changes });
      server = apply(changes, server);
    }
  }
  const rebased = rebaseUpdates(mine, over);
  let result = server;
  for (const u of rebased) result = apply(u.changes, result);
  const wire = list => list.map(u => ({ clientId: u.clientID, changes: u.changes.toJSON() }));
  cases.push({ kind: "rebase", base, updates: wire(mine), over: wire(over), server, rebased: wire(rebased), result });
}

const output = {
  generator: "generate-vectors.mjs",
  versions: { state: version("@codemirror/state"), collab: version("@codemirror/collab") },
  cases,
};
const path = join(dirname(fileURLToPath(import.meta.url)), "vectors.json");
writeFileSync(path, JSON.stringify(output) + "\n");
console.log(`${cases.length} cases written to ${path}`);
