import { existsSync } from "node:fs";
import path from "node:path";
import { Project, ts, type CompilerOptions, type FileSystemHost, type SourceFile } from "ts-morph";
import { scriptKindFor } from "./syntax.js";
import { traceTs6Program } from "./types/ts6-trace.js";

/** Files that share one ts-morph Project: those whose nearest tsconfig is the same (or none). */
export interface ProjectGroup {
  /** The tsconfig/jsconfig the group uses; undefined for inferred options. */
  tsconfig?: string;
  files: string[];
}

/** Options for files that have no tsconfig: JavaScript allowed, types from whatever @types are installed. */
export const INFERRED_OPTIONS: CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  noEmit: true,
};

const CONFIG_NAMES = ["tsconfig.json", "jsconfig.json"];

/**
 * The nearest tsconfig.json (or jsconfig.json) above a file, looking no further than the file's
 * package: a folder with package.json or .git ends the search.
 */
export function findNearestTsconfig(file: string, cache = new Map<string, string | null>()): string | undefined {
  const visited: string[] = [];
  let dir = path.dirname(file);
  let found: string | null = null;
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const config = CONFIG_NAMES.map((n) => path.join(dir, n)).find((p) => existsSync(p));
    if (config) {
      found = config;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir || existsSync(path.join(dir, "package.json")) || existsSync(path.join(dir, ".git"))) break;
    dir = parent;
  }
  for (const d of visited) cache.set(d, found);
  return found ?? undefined;
}

/** Group files by the tsconfig that governs them (`override` puts every file under one config). */
export function groupByTsconfig(files: string[], override?: string): ProjectGroup[] {
  if (override) return [{ tsconfig: override, files }];
  const cache = new Map<string, string | null>();
  const groups = new Map<string, ProjectGroup>();
  for (const file of files) {
    const tsconfig = findNearestTsconfig(file, cache);
    const key = tsconfig ?? "";
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tsconfig, files: [] }));
    group.files.push(file);
  }
  return [...groups.values()];
}

export interface CreatedProject {
  project: Project;
  /** Why the tsconfig could not be used (the project then falls back to inferred options). */
  configError?: string;
  /** Add a file with the text settle decoded, parsed once (see addDecodedFile). */
  addFile(file: string, text: string): SourceFile;
}

/**
 * A ts-morph Project for a group. Files are added by the caller with the text it decoded, so
 * nothing from the tsconfig's `include` is loaded; the checker is created lazily on first use.
 * With a `declarations` cache, declaration files from node_modules and the lib files are parsed
 * and bound once for all the Projects that share it (one run), not once per Project.
 */
export function createProject(tsconfig: string | undefined, declarations?: DeclarationCache): CreatedProject {
  const decoded = new Map<string, string>();
  const created = (project: Project, configError?: string): CreatedProject => {
    if (declarations) shareDeclarationFiles(project, declarations);
    traceTs6Program(project);
    return { project, configError, addFile: (file, text) => addDecodedFile(project, decoded, file, text) };
  };
  const fileSystem = decodedTextFileSystem(decoded);
  if (tsconfig) {
    const problem = readTsconfigProblem(tsconfig);
    if (!problem) {
      try {
        const project = new Project({
          tsConfigFilePath: tsconfig,
          skipAddingFilesFromTsConfig: true,
          compilerOptions: { allowJs: true, noEmit: true },
          fileSystem,
        });
        return created(project);
      } catch (error) {
        return created(inferredProject(fileSystem), (error as Error).message.split("\n")[0]);
      }
    }
    return created(inferredProject(fileSystem), problem);
  }
  return created(inferredProject(fileSystem));
}

/**
 * `project.createSourceFile(file, text, { overwrite: true })` first reads and parses the file from
 * disk (to find the one it overwrites) and then parses `text`: every file twice. Serving `text`
 * through the Project's file system and adding the file by path parses it once. The result is
 * checked against `text` (a file that changed on disk meanwhile, a second BOM ts-morph would strip),
 * falling back to the overwrite.
 */
function addDecodedFile(project: Project, decoded: Map<string, string>, file: string, text: string): SourceFile {
  const overwrite = () => project.createSourceFile(file, text, { overwrite: true, scriptKind: scriptKindFor(file) });
  if (project.getSourceFile(file)) return overwrite();
  const keys = [file, file.split(path.sep).join("/")];
  for (const key of keys) decoded.set(key, text);
  try {
    const sourceFile = project.addSourceFileAtPath(file);
    return sourceFile.getFullText() === text ? sourceFile : overwrite();
  } finally {
    for (const key of keys) decoded.delete(key);
  }
}

let realFileSystem: FileSystemHost | undefined;

/** The real file system, except that files being added read as the text settle decoded. */
function decodedTextFileSystem(decoded: Map<string, string>): FileSystemHost {
  // ts-morph does not export its real file system host; a Project without options creates one.
  const real = (realFileSystem ??= new Project({ compilerOptions: {} }).getFileSystem());
  return new Proxy(real, {
    get(target, property) {
      if (property === "readFileSync") {
        return (file: string, encoding?: string) => decoded.get(file) ?? target.readFileSync(file, encoding);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Parsed (and, once a checker has run, bound) declaration files, by the options that shape them and path. */
export type DeclarationCache = Map<string, ts.SourceFile>;

/** A cache for the declaration files of the Projects of one run (see createProject). */
export function createDeclarationCache(): DeclarationCache {
  return new Map();
}

/**
 * A monorepo gives one Project per tsconfig, and each would parse and bind the lib files and
 * `@types/node` again: often more text than the package's own code. Files under node_modules (the lib
 * files sit there too) do not change during a run, so Projects whose options shape source files
 * alike share them, as TypeScript's language server shares them between its projects. Reaches into
 * ts-morph's document registry; when that is not there, every Project simply parses its own.
 */
function shareDeclarationFiles(project: Project, sharedDeclarationFiles: DeclarationCache): void {
  const registry = (project as unknown as { _context?: { compilerFactory?: { documentRegistry?: DocumentRegistryLike } } })._context
    ?.compilerFactory?.documentRegistry;
  if (!registry || typeof registry.createOrUpdateSourceFile !== "function" || typeof registry.acquireDocument !== "function") return;
  const createOrUpdate = registry.createOrUpdateSourceFile.bind(registry);
  const acquire = registry.acquireDocument.bind(registry);
  const shared = (fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind: ts.ScriptKind | undefined) => {
    const key = `${sourceFileOptionsKey(settings)}\0${fileName}`;
    const text = snapshot.getText(0, snapshot.getLength());
    const cached = sharedDeclarationFiles.get(key);
    if (cached?.text === text) return cached;
    // As ts-morph parses (parent nodes set), but like tsc skipping the JSDoc of TypeScript files: nothing here reads it.
    const parsed = ts.createLanguageServiceSourceFile(
      fileName,
      snapshot,
      { languageVersion: settings.target ?? ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors },
      "0",
      true,
      scriptKind,
    );
    sharedDeclarationFiles.set(key, parsed);
    return parsed;
  };
  registry.createOrUpdateSourceFile = (fileName, settings, snapshot, scriptKind) =>
    isSharedDeclarationFile(fileName) ? shared(fileName, settings, snapshot, scriptKind) : createOrUpdate(fileName, settings, snapshot, scriptKind);
  registry.acquireDocument = (fileName, settings, snapshot, version, scriptKind) =>
    isSharedDeclarationFile(fileName) ? shared(fileName, settings, snapshot, scriptKind) : acquire(fileName, settings, snapshot, version, scriptKind);
}

/** Declaration files under node_modules (ts-morph serves the lib files from there too): they do not change during a run. */
function isSharedDeclarationFile(fileName: string): boolean {
  return /\/node_modules\/.*\.d\.[cm]?ts$/.test(fileName);
}

interface DocumentRegistryLike {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind?: ts.ScriptKind): ts.SourceFile;
  acquireDocument(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, version: string, scriptKind?: ts.ScriptKind): ts.SourceFile;
}

/** The compiler options that change how a file is parsed or bound (TypeScript's own list when it has one). */
const SOURCE_FILE_OPTIONS: readonly string[] = [
  ...new Set([
    ...((ts as unknown as { sourceFileAffectingCompilerOptions?: { name: string }[] }).sourceFileAffectingCompilerOptions?.map((o) => o.name) ?? []),
    "target", "module", "moduleResolution", "moduleDetection", "jsx", "jsxImportSource", "importHelpers",
    "alwaysStrict", "strict", "allowUnusedLabels", "allowUnreachableCode", "noFallthroughCasesInSwitch",
  ]),
];

function sourceFileOptionsKey(settings: ts.CompilerOptions): string {
  return JSON.stringify(SOURCE_FILE_OPTIONS.map((name) => settings[name] ?? null));
}

/** An in-memory Project (tests, the jscodeshift adapter): no disk reads beyond the lib files. */
export function createInMemoryProject(options: CompilerOptions = INFERRED_OPTIONS): Project {
  return new Project({ useInMemoryFileSystem: true, compilerOptions: options });
}

function inferredProject(fileSystem?: FileSystemHost): Project {
  return new Project({ compilerOptions: INFERRED_OPTIONS, fileSystem });
}

/** The first problem with a tsconfig file (unreadable, invalid JSON, a missing `extends`), if any. */
function readTsconfigProblem(tsconfig: string): string | undefined {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) return ts.flattenDiagnosticMessageText(read.error.messageText, " ");
  // Only the config's own problems: no directory is read for its include patterns (settle adds the files itself).
  const parsed = ts.parseJsonConfigFileContent(read.config, { ...ts.sys, readDirectory: () => [] }, path.dirname(tsconfig), undefined, tsconfig);
  // "No inputs were found" (18003) is expected: settle adds the files itself.
  const fatal = parsed.errors.find((d) => d.code !== 18003 && d.category === ts.DiagnosticCategory.Error);
  return fatal ? ts.flattenDiagnosticMessageText(fatal.messageText, " ") : undefined;
}
