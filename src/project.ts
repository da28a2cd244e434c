import { existsSync } from "node:fs";
import path from "node:path";
import { Project, ts, type CompilerOptions } from "ts-morph";

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
}

/**
 * A ts-morph Project for a group. Files are added by the caller with the text it decoded, so
 * nothing from the tsconfig's `include` is loaded; the checker is created lazily on first use.
 */
export function createProject(tsconfig: string | undefined): CreatedProject {
  if (tsconfig) {
    const problem = readTsconfigProblem(tsconfig);
    if (!problem) {
      try {
        const project = new Project({
          tsConfigFilePath: tsconfig,
          skipAddingFilesFromTsConfig: true,
          compilerOptions: { allowJs: true, noEmit: true },
        });
        return { project };
      } catch (error) {
        return { project: inferredProject(), configError: (error as Error).message.split("\n")[0] };
      }
    }
    return { project: inferredProject(), configError: problem };
  }
  return { project: inferredProject() };
}

/** An in-memory Project (tests, the jscodeshift adapter): no disk reads beyond the lib files. */
export function createInMemoryProject(options: CompilerOptions = INFERRED_OPTIONS): Project {
  return new Project({ useInMemoryFileSystem: true, compilerOptions: options });
}

function inferredProject(): Project {
  return new Project({ compilerOptions: INFERRED_OPTIONS });
}

/** The first problem with a tsconfig file (unreadable, invalid JSON, a missing `extends`), if any. */
function readTsconfigProblem(tsconfig: string): string | undefined {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) return ts.flattenDiagnosticMessageText(read.error.messageText, " ");
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
  // "No inputs were found" (18003) is expected: settle adds the files itself.
  const fatal = parsed.errors.find((d) => d.code !== 18003 && d.category === ts.DiagnosticCategory.Error);
  return fatal ? ts.flattenDiagnosticMessageText(fatal.messageText, " ") : undefined;
}
