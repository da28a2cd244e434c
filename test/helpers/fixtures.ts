import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import type { Strategy } from "../../src/define-transform.js";
import type { CheckerBackend } from "../../src/types/oracle.js";

const CHECKERS: readonly CheckerBackend[] = ["ts6", "ts7"];

export const REPO = path.resolve(import.meta.dirname, "../..");
export const FIXTURES = path.join(REPO, "__testfixtures__");

/** The tsconfig a single-file fixture is checked with unless the case brings its own. */
export const FIXTURE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: ["node"],
    skipLibCheck: true,
    noEmit: true,
    allowJs: true,
  },
};

/**
 * One fixture case: `<name>.input.<ext>` (+ `.output.<ext>`), or a folder of such files. Beside a case:
 * `<name>.findings.txt` (expected findings; `findings.txt` inside a folder case), `<name>.strategy` (one
 * word: auto, await or defer) and `<name>.transforms` (comma-separated transform ids, run in registry
 * order: a case of how transforms work together in one run, e.g. `callback-handlers,callback-apis`;
 * default: only the transform whose folder holds the case) and `<name>.checker` (ts6 or ts7: a case about
 * one compiler's behaviour, e.g. TypeScript 6's stack overflow, runs with that compiler whatever the suite's).
 */
export interface FixtureCase {
  name: string;
  /** Relative path in the case → input text. */
  inputs: Map<string, Buffer>;
  /** Relative path → expected output (the input itself when the case has no output file). */
  expected: Map<string, Buffer>;
  /** Other files the case needs (tsconfig, serverless.yml, ...), copied as they are. */
  context: Map<string, Buffer>;
  /** Expected findings as `path:line:col  reason` lines. */
  findings: string[];
  /**
   * Where the two compilers disagree: the findings with one checker (`<case>.findings.<checker>.txt`,
   * `findings.<checker>.txt` in a folder case), in place of `findings` for that checker.
   */
  findingsBy: Partial<Record<CheckerBackend, string[]>>;
  singleFile: boolean;
  /** `--strategy` for the case: the word in `<case>.strategy` beside the case, else "auto". */
  strategy: Strategy;
  /** The transforms the case runs (`<case>.transforms` beside it), when more than its folder's own. */
  transforms?: string[];
  /** The compiler the case always runs with (`<case>.checker` beside it), when it is about one compiler. */
  checker?: CheckerBackend;
}

const INPUT = /^(.*)\.input\.([a-z]+)$/;

/** All cases of a transform's fixture folder. */
export function loadCases(transformId: string): FixtureCase[] {
  const dir = path.join(FIXTURES, transformId);
  if (!existsSync(dir)) return [];
  const cases: FixtureCase[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      cases.push({
        ...loadFolderCase(entry, full),
        strategy: readStrategy(path.join(dir, `${entry}.strategy`)),
        transforms: readTransforms(path.join(dir, `${entry}.transforms`)),
        checker: readChecker(path.join(dir, `${entry}.checker`)),
      });
      continue;
    }
    const match = INPUT.exec(entry);
    if (!match) continue;
    const [, name, ext] = match;
    const file = `${name}.${ext}`;
    const input = readFileSync(full);
    const outputPath = path.join(dir, `${name}.output.${ext}`);
    cases.push({
      name,
      inputs: new Map([[file, input]]),
      expected: new Map([[file, existsSync(outputPath) ? readFileSync(outputPath) : input]]),
      context: new Map(),
      findings: readFindings(path.join(dir, `${name}.findings.txt`)),
      findingsBy: findingsByChecker((checker) => path.join(dir, `${name}.findings.${checker}.txt`)),
      singleFile: true,
      strategy: readStrategy(path.join(dir, `${name}.strategy`)),
      transforms: readTransforms(path.join(dir, `${name}.transforms`)),
      checker: readChecker(path.join(dir, `${name}.checker`)),
    });
  }
  return cases;
}

function loadFolderCase(name: string, dir: string): FixtureCase {
  const c: FixtureCase = {
    name, inputs: new Map(), expected: new Map(), context: new Map(), findings: [],
    findingsBy: findingsByChecker((checker) => path.join(dir, `findings.${checker}.txt`)), singleFile: false, strategy: "auto",
  };
  for (const rel of walk(dir)) {
    const base = path.basename(rel);
    const match = INPUT.exec(base);
    if (match) {
      const file = path.join(path.dirname(rel), `${match[1]}.${match[2]}`);
      const output = path.join(dir, path.dirname(rel), `${match[1]}.output.${match[2]}`);
      const input = readFileSync(path.join(dir, rel));
      c.inputs.set(file, input);
      c.expected.set(file, existsSync(output) ? readFileSync(output) : input);
    } else if (/^findings\.ts\d\.txt$/.test(base) && path.dirname(rel) === ".") {
      // Read by findingsByChecker.
    } else if (base === "findings.txt") {
      c.findings = readFindings(path.join(dir, rel));
    } else if (!/\.output\.[a-z]+$/.test(base)) {
      c.context.set(rel, readFileSync(path.join(dir, rel)));
    }
  }
  return c;
}

function walk(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((entry) => {
    const rel = path.join(prefix, entry);
    return statSync(path.join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
  });
}

function readStrategy(file: string): Strategy {
  if (!existsSync(file)) return "auto";
  const word = readFileSync(file, "utf8").trim();
  if (word !== "auto" && word !== "await" && word !== "defer") throw new Error(`${file}: unknown strategy "${word}"`);
  return word;
}

function readChecker(file: string): CheckerBackend | undefined {
  if (!existsSync(file)) return undefined;
  const word = readFileSync(file, "utf8").trim();
  if (!(CHECKERS as readonly string[]).includes(word)) throw new Error(`${file}: unknown checker "${word}" (ts6 or ts7)`);
  return word as CheckerBackend;
}

function readTransforms(file: string): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const ids = readFileSync(file, "utf8").split(",").map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw new Error(`${file}: no transform ids`);
  return ids;
}

function findingsByChecker(fileFor: (checker: CheckerBackend) => string): Partial<Record<CheckerBackend, string[]>> {
  return Object.fromEntries(CHECKERS.filter((c) => existsSync(fileFor(c))).map((c) => [c, readFindings(fileFor(c))]));
}

function readFindings(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").map((l) => l.trimEnd()).filter((l) => l && !l.startsWith("#"));
}

/** Lay a case out in a fresh temp folder that resolves packages (and @types) from the repo. */
export function materialize(c: FixtureCase): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `settle-fixture-${c.name}-`));
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [rel, bytes] of [...c.context, ...c.inputs]) {
    const target = path.join(dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  const hasConfig = [...c.context.keys()].some((k) => /(^|\/)(tsconfig|jsconfig)\.json$/.test(k));
  if (!hasConfig) writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(FIXTURE_TSCONFIG, null, 2));
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Type errors of the TypeScript files of a folder, as `file: TScode message` lines (no positions,
 * which a rewrite legitimately shifts), checked with the folder's tsconfig and real @types packages.
 */
export function typeErrors(dir: string, files: string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`${dir}: tsconfig.json could not be read`);
  const roots = files.filter((f) => /\.[cm]?tsx?$/.test(f)).map((f) => path.join(dir, f));
  if (roots.length === 0) return [];
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    // The case's own files change between the two checks; lib and node_modules files never do.
    if (fileName.startsWith(dir) && !fileName.includes("/node_modules/")) return read(fileName, languageVersion, onError, shouldCreate);
    const key = `${JSON.stringify(languageVersion)}\0${realpath(fileName)}`;
    let cached = SHARED_FILES.get(key);
    if (!cached) {
      cached = read(fileName, languageVersion, onError, shouldCreate);
      if (cached) SHARED_FILES.set(key, cached);
    }
    return cached;
  };
  const program = ts.createProgram({ rootNames: roots, options: { ...config.options, noEmit: true }, host });
  return roots.flatMap((file) => semanticErrors(program, program.getSourceFile(file)!, path.relative(dir, file), dir)).sort();
}

/**
 * Lib and node_modules declaration files, parsed and bound once per test worker and shared by every
 * case's type-check, as TypeScript's language service shares them between programs: building them
 * again was most of each check's second.
 */
const SHARED_FILES = new Map<string, ts.SourceFile>();

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A file on which the checker itself overflows (checker-failure fixture) gives one line for it, before and after alike. */
function semanticErrors(program: ts.Program, sf: ts.SourceFile, name: string, dir: string): string[] {
  try {
    // Messages that name a path name it in the case's folder, whichever temp folder holds the case.
    return program.getSemanticDiagnostics(sf).map((d) => `${name}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ").split(dir).join("<case>")}`);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [`${name}: the type checker failed`];
  }
}
