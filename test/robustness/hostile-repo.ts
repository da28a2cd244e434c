import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { commitAll, gitInit, writeFiles, type FileMap } from "../helpers/temp-repo.js";

const TRACK_TS = "async function track(e: string): Promise<void> {}\n";
const TRACK_JS = "async function track(e) {}\n";

/** A Lambda handler with one floating call, and what settle makes of it. */
export const HANDLER = `${TRACK_TS}export const handler = async (event: unknown) => {
  track("x");
  return { statusCode: 200 };
};
`;
export const rewrite = (text: string): string => text.replace(`  track("x");`, `  await track("x");`);

/** One handler per source extension, each in the syntax only its own parser accepts. */
const BY_EXTENSION: FileMap = {
  // `<number>raw` is a cast in .ts and JSX in .tsx.
  "services/ext/cast.ts": `${TRACK_TS}declare const raw: unknown;
export const handler = async (event: unknown) => {
  const n = <number>raw;
  track("x");
  return { statusCode: 200, n };
};
`,
  "services/ext/view.tsx": `${TRACK_TS}export const handler = async (event: unknown) => {
  track("x");
  const view = <div title="x">ok</div>;
  return { statusCode: 200, view };
};
`,
  "services/ext/commonjs.js": `${TRACK_JS}exports.handler = async (event) => {
  track("x");
  return { statusCode: 200 };
};
`,
  "services/ext/view.jsx": `${TRACK_JS}export const handler = async (event) => {
  track("x");
  const view = <div title="x">ok</div>;
  return { statusCode: 200, view };
};
`,
  "services/ext/module.mjs": `${TRACK_JS}export const handler = async (event) => {
  track("x");
  return { statusCode: 200 };
};
`,
  "services/ext/commonjs.cjs": `${TRACK_JS}module.exports.handler = async (event) => {
  track("x");
  return { statusCode: 200 };
};
`,
  "services/ext/module.mts": HANDLER,
  "services/ext/commonjs.cts": HANDLER,
};

/** LF and CRLF lines in one file; the rewrite inserts whole lines, which take the ending of their line. */
export const MIXED_EOL = [
  `async function track(e: string): Promise<void> {}\r\n`,
  `export const handler = async (event: { ok: boolean }) => {\n`,
  `  const warm = track("w");\r\n`,
  `  track("x");\n`,
  `  if (event.ok) {\r\n`,
  `    return { statusCode: 200 };\n`,
  `  }\r\n`,
  `  return { statusCode: 500 };\r\n`,
  `};\n`,
].join("");
export const MIXED_EOL_REWRITTEN = [
  `async function track(e: string): Promise<void> {}\r\n`,
  `export const handler = async (event: { ok: boolean }) => {\n`,
  `  const warm = track("w");\r\n`,
  `  await track("x");\n`,
  `  if (event.ok) {\r\n`,
  `    await warm;\n`,
  `    return { statusCode: 200 };\n`,
  `  }\r\n`,
  `  await warm;\r\n`,
  `  return { statusCode: 500 };\r\n`,
  `};\n`,
].join("");

export const BROKEN = `export const handler = async (event: unknown) => {\n  const x = ;\n  track("x");\n`;
/** The first bytes of a PNG: NUL bytes in a .ts file. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
export const LATIN1 = Buffer.from(`const s = "caf\xe9";\nexports.handler = async () => s;\n`, "latin1");
export const UTF16 = Buffer.from(`\uFEFF${HANDLER}`, "utf16le");

/** Realistic handler code repeated to at least `bytes` bytes. */
export function hugeSource(bytes: number): string {
  const parts = [TRACK_TS];
  let size = TRACK_TS.length;
  for (let i = 0; size < bytes; i++) {
    const part = `export const handler${i} = async (event: { body?: string }) => {
  const id = JSON.parse(event.body ?? "{}").id as string;
  track("order_${i}");
  await track(id);
  return { statusCode: 200, body: JSON.stringify({ ok: true, n: ${i} }) };
};

`;
    parts.push(part);
    size += part.length;
  }
  return parts.join("");
}

/** A handler returning `n` nested parentheses: 393 is the deepest settle analyses (400 tree levels), 394 is over. */
export function nestedParens(n: number): string {
  return `${TRACK_TS}export const handler = async (event: unknown) => {\n  track("x");\n  return ${"(".repeat(n)}1${")".repeat(n)};\n};\n`;
}

/** `a + (a + (a + …))`, right-nested `depth` times: the parser recurses on every level. */
function nestedSum(depth: number): string {
  let expression = "a";
  for (let i = 0; i < depth; i++) expression = `a + (${expression})`;
  return `declare const a: number;\nexport const total = ${expression};\n`;
}

/** Arrow functions nested `depth` times, each awaiting the next. */
function nestedArrows(depth: number): string {
  let body = `track("x")`;
  for (let i = 0; i < depth; i++) body = `async () => { await (${body}); }`;
  return `${TRACK_TS}export const handler = async (event: unknown) => {\n  const f = ${body};\n  return f;\n};\n`;
}

/** Imports from files settle does not analyse (too deep, too large): it must still be rewritten. */
const IMPORTER = `import { total } from "../deep/sum";
import { handler0 } from "../huge/generated";
${TRACK_TS}export const handler = async (event: unknown) => {
  track("x");
  return { statusCode: 200, total, other: handler0 };
};
`;

export const HUGE_BYTES = 5 * 1024 * 1024;

/** Files no run may read or write (ignored folders, paths not given), with content that would fail if read. */
export const NEVER_READ: FileMap = Object.fromEntries(
  ["services/node_modules/pkg", "node_modules/pkg", "services/dist", "services/build", "services/.next", "services/coverage",
    "services/.serverless", "services/.aws-sam", "services/generated"].flatMap((dir) => [
    [`${dir}/handler.ts`, HANDLER],
    [`${dir}/broken.ts`, BROKEN],
    [`${dir}/blob.ts`, PNG],
  ]),
);

export interface HostileRepo {
  /** The repository (a git repo) and the folder beside it that links point into. */
  dir: string;
  outside: string;
  /** The paths to give settle, relative to `dir`. */
  paths: string[];
  /** Every regular file's bytes after a full write run (without --force), by path relative to `dir`. */
  afterWrite: Map<string, Buffer>;
  /** Every regular file's bytes as built. */
  before: Map<string, Buffer>;
}

/**
 * A repository with every kind of input settle must survive, committed to git, then a dirty and an
 * untracked file and a named pipe on top. `root` must be an empty folder.
 */
export function buildHostileRepo(root: string): HostileRepo {
  const dir = path.join(root, "repo");
  const outside = path.join(root, "outside");
  const files: FileMap = {
    ".gitignore": "generated/\n",
    ...BY_EXTENSION,
    "services/ts/handler.ts": HANDLER,
    "services/ts/with space ü.ts": HANDLER,
    "services/ts/mixed-eol.ts": MIXED_EOL,
    "services/ts/importer.ts": IMPORTER,
    "services/ts/dirty.ts": HANDLER,
    "services/ts/dir.ts/inner.ts": HANDLER,
    "services/empty/empty.ts": "",
    "services/empty/bom-only.ts": "\uFEFF",
    "services/empty/blank.js": "\n\n  \n",
    "services/bad/broken.ts": BROKEN,
    "services/bad/blob.ts": PNG,
    "services/bad/latin1.js": LATIN1,
    "services/bad/utf16.ts": UTF16,
    "services/bad/types.d.ts": BROKEN,
    "services/huge/generated.ts": hugeSource(HUGE_BYTES),
    "services/deep/parens.ts": `export const x = ${"(".repeat(10_000)}1${")".repeat(10_000)};\n`,
    "services/deep/sum.ts": nestedSum(5_000),
    "services/deep/arrows.ts": nestedArrows(3_000),
    "services/deep/limit.ts": nestedParens(393),
    "services/deep/over-limit.ts": nestedParens(394),
    "packages/bad-json/tsconfig.json": "{ not json",
    "packages/bad-json/src/handler.ts": HANDLER,
    "packages/bad-extends/tsconfig.json": `{ "extends": "./missing-base.json" }\n`,
    "packages/bad-extends/src/handler.ts": HANDLER,
    "packages/dir-config/tsconfig.json/keep.txt": "a folder named tsconfig.json\n",
    "packages/dir-config/src/handler.ts": HANDLER,
    "scripts/given.ts": HANDLER,
    "scripts/not-given.ts": HANDLER,
    ...NEVER_READ,
  };
  writeFiles(dir, files);
  writeFiles(outside, { "target.ts": HANDLER, "folder/handler.ts": HANDLER });
  const link = (target: string, at: string) => symlinkSync(target, path.join(dir, at));
  mkdirSync(path.join(dir, "services/links"));
  link("../ts/handler.ts", "services/links/inside.ts");
  link(path.join(outside, "target.ts"), "services/links/outside.ts");
  link("./no-such-file.ts", "services/links/dangling.ts");
  link("./loop-b.ts", "services/links/loop-a.ts");
  link("./loop-a.ts", "services/links/loop-b.ts");
  link("/dev/zero", "services/links/zero.ts");
  // A linked folder is not entered (and, having no source extension, not listed either).
  link(path.join(outside, "folder"), "services/links/folder");
  gitInit(dir);
  writeFileSync(path.join(dir, "services/ts/dirty.ts"), `// work in progress\n${HANDLER}`);
  writeFileSync(path.join(dir, "services/ts/untracked.ts"), HANDLER);
  execFileSync("mkfifo", [path.join(dir, "services/ts/pipe.ts")]);

  const before = new Map<string, Buffer>();
  for (const [rel, content] of Object.entries(files)) before.set(rel, Buffer.from(content));
  before.set("services/ts/dirty.ts", Buffer.from(`// work in progress\n${HANDLER}`));
  before.set("services/ts/untracked.ts", Buffer.from(HANDLER));
  const afterWrite = new Map(before);
  const rewritten = [
    ...Object.keys(BY_EXTENSION),
    "services/ts/handler.ts",
    "services/ts/with space ü.ts",
    "services/ts/importer.ts",
    "services/ts/dir.ts/inner.ts",
    "services/deep/limit.ts",
    "packages/bad-json/src/handler.ts",
    "packages/bad-extends/src/handler.ts",
    "packages/dir-config/src/handler.ts",
    "scripts/given.ts",
  ];
  for (const rel of rewritten) afterWrite.set(rel, Buffer.from(rewrite(before.get(rel)!.toString("utf8"))));
  afterWrite.set("services/ts/mixed-eol.ts", Buffer.from(MIXED_EOL_REWRITTEN));
  return { dir, outside, paths: ["services", "packages", "scripts/given.ts"], afterWrite, before };
}

/** The outcome of every file of a first write run on the hostile repo, as `statuses()` gives it. */
export const FIRST_RUN: Record<string, string> = {
  "packages/bad-extends/src/handler.ts": "changed",
  "packages/bad-json/src/handler.ts": "changed",
  "packages/dir-config/src/handler.ts": "changed",
  "scripts/given.ts": "changed",
  "services/bad/blob.ts": "failed: binary file (contains NUL bytes)",
  "services/bad/broken.ts": "failed: syntax error at 2:13: Expression expected.",
  "services/bad/latin1.js": "failed: not valid UTF-8 text",
  "services/bad/utf16.ts": "failed: binary file (contains NUL bytes)",
  "services/deep/arrows.ts": "skipped: nested more than 400 levels deep: not analysed",
  "services/deep/limit.ts": "changed",
  "services/deep/over-limit.ts": "skipped: nested more than 400 levels deep: not analysed",
  "services/deep/parens.ts": "skipped: nested more than 400 levels deep: not analysed",
  "services/deep/sum.ts": "skipped: nested more than 400 levels deep: not analysed",
  "services/empty/blank.js": "unchanged",
  "services/empty/bom-only.ts": "unchanged",
  "services/empty/empty.ts": "unchanged",
  "services/ext/cast.ts": "changed",
  "services/ext/commonjs.cjs": "changed",
  "services/ext/commonjs.cts": "changed",
  "services/ext/commonjs.js": "changed",
  "services/ext/module.mjs": "changed",
  "services/ext/module.mts": "changed",
  "services/ext/view.jsx": "changed",
  "services/ext/view.tsx": "changed",
  "services/huge/generated.ts": "skipped: larger than 1 MB (5 MB): not analysed",
  "services/links/dangling.ts": "skipped: symbolic link (not followed)",
  "services/links/inside.ts": "skipped: symbolic link (not followed)",
  "services/links/loop-a.ts": "skipped: symbolic link (not followed)",
  "services/links/loop-b.ts": "skipped: symbolic link (not followed)",
  "services/links/outside.ts": "skipped: symbolic link (not followed)",
  "services/links/zero.ts": "skipped: symbolic link (not followed)",
  "services/ts/dir.ts/inner.ts": "changed",
  "services/ts/dirty.ts": "skipped: has uncommitted changes (commit them or use --force)",
  "services/ts/handler.ts": "changed",
  "services/ts/importer.ts": "changed",
  "services/ts/mixed-eol.ts": "changed",
  "services/ts/pipe.ts": "skipped: not a regular file",
  "services/ts/untracked.ts": "skipped: has uncommitted changes (commit them or use --force)",
  "services/ts/with space ü.ts": "changed",
};

/** Config problems of the hostile repo: each tsconfig named with its reason; its files still analysed. */
export function configErrors(dir: string): { file: string; message: string }[] {
  const inferred = "its files were analysed with inferred options";
  return [
    { file: "packages/bad-extends/tsconfig.json", message: `Cannot read file '${dir}/packages/bad-extends/missing-base.json'; ${inferred}` },
    { file: "packages/bad-json/tsconfig.json", message: `',' expected; ${inferred}` },
    { file: "packages/dir-config/tsconfig.json", message: `not a regular file; ${inferred}` },
  ];
}
