// Performance budget of the built app (run after `vite build`):
//  - the JavaScript the first screen loads (the entry chunk and everything it imports statically)
//    stays under 300 KB compressed (gzip);
//  - module screens, settings screens and the dashboard are loaded on demand, not in that set.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const LIMIT_KB = 300;
const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error("no entry chunk in the manifest");

const initial = new Set();
(function walk(key) {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key].imports ?? []) walk(dep);
})(entryKey);

let total = 0;
const rows = [];
for (const key of initial) {
  const file = manifest[key].file;
  if (!file.endsWith(".js")) continue;
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  rows.push(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
console.log(`First screen JavaScript (gzip):\n${rows.join("\n")}\n  ${(total / 1024).toFixed(1).padStart(7)} KB  total, budget ${LIMIT_KB} KB\n`);

// Chunks named after their source file: module screens, the dashboard, settings, the XLSX writer.
const onDemand = ["ModuleScreen", "Home", "Roles", "Users", "xlsx"];
const problems = [];
if (total > LIMIT_KB * 1024) problems.push(`first screen JavaScript is ${(total / 1024).toFixed(1)} KB, over the ${LIMIT_KB} KB budget`);
for (const name of onDemand) {
  const key = Object.keys(manifest).find((k) => manifest[k].name === name && manifest[k].file.endsWith(".js"));
  if (!key) problems.push(`${name} is not a chunk of its own`);
  else if (initial.has(key)) problems.push(`${name} is loaded with the first screen`);
  else if (!manifest[key].isDynamicEntry) problems.push(`${name} is not loaded on demand`);
}
if (problems.length) {
  console.error(`Budget failed:\n - ${problems.join("\n - ")}`);
  process.exit(1);
}
console.log("Budget met: module code loads on demand.");
