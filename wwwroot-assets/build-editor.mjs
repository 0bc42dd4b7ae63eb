// Bundles the postmortem editor (src/postmortem-editor.js with CodeMirror, @codemirror/collab and the SignalR client) into
// one minified ES module. Run by src/DriftBoard.Web/Build/FrontEndAssets.targets after `npm ci`;
// usage: node build-editor.mjs <output file>.
//
// The bundle must run under the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval'): the build fails when
// the output calls eval or the Function constructor. The SignalR client's Node-only requires (ws, node-fetch, …) sit
// behind a runtime check and are never reached in a browser; esbuild leaves them unresolved.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = process.argv[2];
if (!outfile) {
  console.error("usage: node build-editor.mjs <output file>");
  process.exit(2);
}

await build({
  entryPoints: [join(here, "src", "postmortem-editor.js")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  logLevel: "warning",
});

const bundle = readFileSync(outfile, "utf8");
const forbidden = [/\beval\s*\(/, /\bnew\s+Function\s*\(/];
const hit = forbidden.find(pattern => pattern.test(bundle));
if (hit) {
  console.error(`build-editor: the bundle matches ${hit}; the Content-Security-Policy forbids eval`);
  process.exit(1);
}
