#!/usr/bin/env node
// What a lazy parse could save: the parse of a settle run's files three ways, in one process each.
//
//   node bin/settle.js . --dry-run --json > out.json            (in the repository: its list of files)
//   node scripts/parse-cost.mjs eager|lazy|lite out.json <repository dir>
//
// eager: every file through ts-morph (addSourceFileAtPath), as settle parses a group's files today.
// lazy:  the files a text pre-filter keeps through ts-morph, the others through a syntax-only parse
//        (ts.createSourceFile without parent pointers or JSDoc), which settle would still need for
//        every file: a syntax error or a too deep nesting is in the output of any file.
// lite:  every file through the syntax-only parse: the floor of any lazy parse that keeps the output.
// Each mode also runs the nesting check on every tree, as settle does. The pre-filter below is an
// illustration (the words the entry-point finders and file-wide scans look for), not an audited
// superset of what settle finds: see docs/performance.md, "Parse only what is reached".
// Compare the CPU of the modes run in turn (interleaved rounds); one process parses once, JIT warm-up included.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(fileURLToPath(new URL("../package.json", import.meta.url)));
const { Project, ts } = require("ts-morph");
const [mode, json, root] = process.argv.slice(2);
if (!["eager", "lazy", "lite"].includes(mode) || !json || !root) {
  console.error("usage: node scripts/parse-cost.mjs eager|lazy|lite <settle --json output> <repository dir>");
  process.exit(2);
}
const files = JSON.parse(readFileSync(json, "utf8")).files.map((f) => path.resolve(root, f.path));
const TEST_FILE = /(^|[\\/])(__tests__|__mocks__)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/;
const LAMBDA_WORDS = /handler|\b_?(event|evt)\b|aws-lambda|LambdaInterface/i;
const PLATFORM_PATH = /(^|\/)(app|pages|api|netlify|functions|src\/routes)\//;
const PLATFORM_WORDS = /hono|@nestjs|firebase-functions|@azure\/functions|Deno\.serve|\bserve\s*\(|export\s+default/;
const SCAN_WORDS =
  /\.(succeed|fail|done)\b|callbackWaitsForEmptyEventLoop|module\.exports\s*=|ask-sdk|alexa-sdk|cfn-lambda|OnEvent|\.(on|once|addListener|prependListener|prependOnceListener|many|prependMany|onAny|prependAny)\s*\(/;
const kept = (file, text) =>
  (!TEST_FILE.test(file) &&
    ((/\bexports?\b/.test(text) && (LAMBDA_WORDS.test(text) || /\b_?(context|ctx)\b/.test(text))) || PLATFORM_PATH.test(file) || PLATFORM_WORDS.test(text))) ||
  SCAN_WORDS.test(text);

function nestedDeeperThan(node, limit) {
  const stack = [[node, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    if (entry[1] > limit) return true;
    ts.forEachChild(entry[0], (child) => {
      stack.push([child, entry[1] + 1]);
    });
  }
  return false;
}

const texts = files.map((f) => readFileSync(f, "utf8"));
const bytes = texts.reduce((sum, t) => sum + t.length, 0);
const project = new Project({ compilerOptions: { allowJs: true, noEmit: true } });
const cpu = process.cpuUsage();
const start = performance.now();
let morphed = 0;
let morphedBytes = 0;
for (const [i, file] of files.entries()) {
  if (mode === "eager" || (mode === "lazy" && kept(file, texts[i]))) {
    nestedDeeperThan(project.addSourceFileAtPath(file).compilerNode, 2000);
    morphed++;
    morphedBytes += texts[i].length;
  } else {
    const options = { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    const sf = ts.createSourceFile(file, texts[i], options, false);
    void sf.parseDiagnostics?.length;
    nestedDeeperThan(sf, 2000);
  }
}
const used = process.cpuUsage(cpu);
console.log(
  `${mode}: ${morphed} of ${files.length} files (${((morphedBytes / bytes) * 100).toFixed(0)}% of ${bytes} bytes) through ts-morph; ` +
    `${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${(performance.now() - start).toFixed(0)} ms wall`,
);
