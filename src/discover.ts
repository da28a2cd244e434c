import { globby, isDynamicPattern } from "globby";
import fs from "node:fs";
import { access, lstat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { describeError } from "./fs.js";
import { SOURCE_EXTENSIONS } from "./syntax.js";

/** Folders never read for rewriting, whatever .gitignore says. */
export const DEFAULT_IGNORES = [
  "**/node_modules/**",
  "**/dist/**",
  "**/build/**",
  "**/.next/**",
  "**/.serverless/**",
  "**/.aws-sam/**",
  "**/coverage/**",
  "**/.git/**",
  // Declaration files hold no code that runs.
  "**/*.d.ts",
  "**/*.d.mts",
  "**/*.d.cts",
];

export interface Discovery {
  /** Absolute paths of the source files to process, sorted. */
  files: string[];
  /** Files found but never processed (symbolic links, non-source files named explicitly), with the reason. */
  skipped: { file: string; reason: string }[];
  /** Folders that could not be read (permissions), with the reason: their files were not processed. */
  unreadable: { file: string; reason: string }[];
}

export class MissingPathError extends Error {
  constructor(readonly missing: string) {
    super(isDynamicPattern(missing) ? `no files match: ${missing}` : `path does not exist: ${missing}`);
  }
}

const SYMLINK = "symbolic link (not followed)";
const NOT_REGULAR = "not a regular file";

/**
 * Expand the given paths into source files: respects .gitignore and the default ignores; user
 * `ignore` globs are relative to `cwd` (as typed on the command line). Symbolic links are never followed.
 */
export async function discoverFiles(paths: string[], opts: { cwd: string; ignore?: string[] }): Promise<Discovery> {
  const files = new Set<string>();
  const skipped: Discovery["skipped"] = [];
  const unreadable: Discovery["unreadable"] = [];
  const fsAdapter = reportingUnreadableFolders((file, error) => unreadable.push({ file: path.normalize(file), reason: unreadableFolder(error) }));
  const userIgnored = opts.ignore?.length ? picomatch(opts.ignore, { dot: true }) : () => false;
  const ignoredByUser = (file: string) => userIgnored(path.relative(opts.cwd, file).split(path.sep).join("/"));
  const extensions = SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(",");

  const collect = async (pattern: string, cwd: string) => {
    const entries = await globby(pattern, {
      cwd,
      ignore: DEFAULT_IGNORES,
      gitignore: true,
      absolute: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      stats: true,
      objectMode: true,
      fs: fsAdapter,
    });
    for (const entry of entries) {
      const file = path.normalize(entry.path);
      if (ignoredByUser(file)) continue;
      if (entry.stats?.isSymbolicLink()) skipped.push({ file, reason: SYMLINK });
      else if (entry.stats?.isFile() && isSourceFile(file)) files.add(file);
      else if (entry.stats && !entry.stats.isDirectory() && isSourceFile(file)) skipped.push({ file, reason: NOT_REGULAR });
    }
    return entries.length;
  };

  for (const given of paths) {
    const abs = path.resolve(opts.cwd, given);
    const stat = await lstat(abs).catch(() => undefined);
    if (!stat) {
      if (!isDynamicPattern(given) || (await collect(given, opts.cwd)) === 0) throw new MissingPathError(given);
    } else if (stat.isSymbolicLink()) {
      skipped.push({ file: abs, reason: SYMLINK });
    } else if (stat.isFile()) {
      // Named explicitly: processed whatever the ignores say, but only if it is a source file.
      if (isSourceFile(abs)) files.add(abs);
      else skipped.push({ file: abs, reason: `not a JavaScript or TypeScript file (${SOURCE_EXTENSIONS.join(" ")})` });
    } else if (stat.isDirectory()) {
      const denied = await access(abs, fs.constants.R_OK | fs.constants.X_OK).then(() => undefined, (error: unknown) => error);
      if (denied) unreadable.push({ file: abs, reason: unreadableFolder(denied) });
      else await collect(`**/*.{${extensions}}`, abs);
    } else {
      // A named pipe, socket or device: reading it could block or never end.
      skipped.push({ file: abs, reason: NOT_REGULAR });
    }
  }
  return { files: [...files].sort(), skipped: dedupe(skipped), unreadable: dedupe(unreadable) };
}

function unreadableFolder(error: unknown): string {
  return `cannot read folder: ${describeError(error)}; its files were not processed`;
}

type Readdir = typeof fs.readdir;

/**
 * The file system for globby, except that a folder that cannot be listed (permissions) is reported
 * and treated as empty, instead of failing the whole discovery.
 */
function reportingUnreadableFolders(report: (dir: string, error: NodeJS.ErrnoException) => void) {
  const readdir = ((dir: fs.PathLike, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown[]) => void;
    (fs.readdir as (...args: unknown[]) => void)(dir, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown[]) => {
      if (error && (error.code === "EACCES" || error.code === "EPERM")) {
        report(String(dir), error);
        callback(null, []);
      } else callback(error, entries);
    });
  }) as Readdir;
  return { ...fs, readdir };
}

function isSourceFile(file: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()) && !/\.d\.[cm]?ts$/.test(file);
}

function dedupe(skipped: Discovery["skipped"]): Discovery["skipped"] {
  return [...new Map(skipped.map((s) => [s.file, s])).values()];
}
