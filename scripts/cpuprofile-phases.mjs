#!/usr/bin/env node
// Where a settle run's main thread spends its time, by phase, from V8 CPU profiles:
//
//   node --cpu-prof --cpu-prof-dir=prof bin/settle.js <dir> --dry-run --json > /dev/null
//   node scripts/cpuprofile-phases.mjs prof/*.001.cpuprofile      (several profiles: the mean)
//
// Each sample goes to the first phase (in the order below) whose test matches its stack: waiting for
// the native compiler first, then the JavaScript of its client, then settle's own phases from the most
// specific (an output check inside a transform counts as the output check) to the most general. The
// samples are the main thread's wall time (a thread waiting for a core still collects samples), so on
// a loaded machine compare shares, not milliseconds. The `.002` profiles are the background worker's.
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/cpuprofile-phases.mjs <profile.cpuprofile>...");
  process.exit(2);
}
const has = (stack, test) => stack.some(test);
const named = (re, url = "") => (f) => re.test(f.functionName) && f.url.includes(url);
const PHASES = [
  ["garbage collection", (leaf) => leaf.functionName === "(garbage collector)"],
  ["idle / (program)", (leaf) => leaf.functionName === "(idle)" || leaf.functionName === "(program)"],
  ["waiting: the compiler opens a program (updateSnapshot, background take)", (_, s) => has(s, (f) => /^(finishUpdate|take|updateSnapshot)$/.test(f.functionName) && /types\/ts7|sync\/api/.test(f.url))],
  ["waiting: the compiler answers a query (pipe read/write)", (leaf, s) => /^(read|writeBuffer|write|writeSync|readSync)$/.test(leaf.functionName) && has(s, named(/^requestBytesSync$/))],
  ["TypeScript 7 API client (encoding, decoding trees)", (_, s) => has(s, (f) => f.url.includes("typescript7/dist/api"))],
  ["loading and compiling modules", (_, s) => has(s, (f) => /^node:internal\/modules/.test(f.url) && /import|require|load|compile|link|instantiate/i.test(f.functionName)) && !has(s, named(/^run$/, "dist/src/run.js"))],
  ["discovery (files, deployment configs, groups, program plan)", (_, s) => has(s, named(/^(discoverFiles|readHandlerRefs|groupByTsconfig|planPrograms|partsOf)$/))],
  ["reading and decoding source files", (_, s) => has(s, named(/^loadFile$/))],
  ["probe (syntactic discovery while parsing)", (_, s) => has(s, named(/^willAsk$/))],
  ["output check (findSyntaxError)", (_, s) => has(s, named(/^findSyntaxError$/))],
  ["re-parse after a pass", (_, s) => has(s, named(/^reparse$/, "engine"))],
  ["diff", (_, s) => has(s, named(/^unifiedDiff$/))],
  ["ts-morph parse (createProject, addFile, nesting check)", (_, s) => has(s, (f) => /^(parseFile|addDecodedFile|createProject|addPlaceholder)$/.test(f.functionName) && f.url.includes("dist/src"))],
  ["TypeScript 7 oracle (locating nodes, caches)", (_, s) => has(s, (f) => f.url.includes("dist/src/types/ts7"))],
  ["TypeScript 6 oracle", (_, s) => has(s, (f) => f.url.includes("dist/src/types/ts6"))],
  ["entry points (findEntryPoints)", (_, s) => has(s, named(/^(findEntryPoints|entryPointsOf)$/))],
  ["reach (invocation scope)", (_, s) => has(s, (f) => /dist\/src\/(invocation|cross-reach)\.js|dist\/src\/types\/reach\.js/.test(f.url))],
  ...["callback-handlers", "callback-apis", "emitters", "floating-promises"].map((t) => [`transform ${t}`, (_, s) => has(s, (f) => f.url.includes(`/transforms/${t}/`))]),
  ["engine, other", (_, s) => has(s, (f) => f.url.includes("dist/src/engine.js"))],
  ["run(), other (type gaps, outcomes)", (_, s) => has(s, named(/^run$/, "dist/src/run.js"))],
  ["CLI and output", (_, s) => has(s, (f) => /dist\/src\/(cli|report|formats)\.js/.test(f.url))],
  ["other (mostly file discovery's callbacks)", () => true],
];
const totals = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const [id, us] of time) {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(nodes.get(at).callFrame);
    const [name] = PHASES.find(([, test]) => test(stack[0], stack));
    totals.set(name, (totals.get(name) ?? 0) + us);
    total += us;
  }
}
console.log(`${(total / 1000 / files.length).toFixed(0)} ms sampled per profile (mean of ${files.length})`);
for (const [name] of PHASES) {
  const us = totals.get(name);
  if (us) console.log(`${(us / 1000 / files.length).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
}
