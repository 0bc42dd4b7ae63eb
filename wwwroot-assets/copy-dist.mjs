// Copies the browser builds DriftBoard.Web serves from node_modules into wwwroot/lib.
// Run by src/DriftBoard.Web/Build/FrontEndAssets.targets after `npm ci`; usage: node copy-dist.mjs <wwwroot/lib folder>.
//
// apexcharts.esm.js imports its engine through the bare specifier "apexcharts/core". Browsers resolve bare specifiers
// only through an import map, and an inline import map would need a CSP hash or 'unsafe-inline' in script-src, so the
// copy points the import at the sibling file instead.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2];
if (!target) {
  console.error("usage: node copy-dist.mjs <wwwroot/lib folder>");
  process.exit(2);
}

const apexDist = join(here, "node_modules", "apexcharts", "dist");
const apexTarget = join(target, "apexcharts");
mkdirSync(apexTarget, { recursive: true });

for (const file of ["core.esm.js", "apexcharts.css", "apexcharts-legend.css"]) {
  copyFileSync(join(apexDist, file), join(apexTarget, file));
}
copyFileSync(join(here, "node_modules", "apexcharts", "LICENSE"), join(apexTarget, "LICENSE"));

const coreSpecifier = /(["'])apexcharts\/core\1/g;
const entry = readFileSync(join(apexDist, "apexcharts.esm.js"), "utf8");
if (!coreSpecifier.test(entry)) {
  console.error("copy-dist: apexcharts.esm.js no longer imports \"apexcharts/core\"; review this script for the new layout");
  process.exit(1);
}
writeFileSync(join(apexTarget, "apexcharts.esm.js"), entry.replace(coreSpecifier, '"./core.esm.js"'));
