import { globby, isDynamicPattern } from "globby";
import { lstat } from "node:fs/promises";
import path from "node:path";
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
];

export interface Discovery {
  /** Absolute paths of the source files to process, sorted. */
  files: string[];
  /** Files found but never processed (symbolic links), with the reason. */
  skipped: { file: string; reason: string }[];
}

export class MissingPathError extends Error {
  constructor(readonly missing: string) {
    super(`path does not exist: ${missing}`);
  }
}

/** Expand the given paths into source files: respects .gitignore and the default ignores. */
export async function discoverFiles(paths: string[], opts: { cwd: string; ignore?: string[] }): Promise<Discovery> {
  const files = new Set<string>();
  const skipped: Discovery["skipped"] = [];
  const ignore = [...DEFAULT_IGNORES, ...(opts.ignore ?? [])];
  const extensions = SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(",");

  for (const given of paths) {
    const abs = path.resolve(opts.cwd, given);
    const stat = await lstat(abs).catch(() => undefined);
    if (!stat) {
      if (isDynamicPattern(given)) {
        const matched = await globby(given, { cwd: opts.cwd, ignore, gitignore: true, absolute: true, onlyFiles: true });
        matched.filter(isSourceFile).forEach((f) => files.add(path.normalize(f)));
        continue;
      }
      throw new MissingPathError(given);
    }
    if (stat.isSymbolicLink()) {
      skipped.push({ file: abs, reason: "symbolic link (not followed)" });
    } else if (stat.isFile()) {
      files.add(abs); // named explicitly: processed whatever its extension or ignores say
    } else if (stat.isDirectory()) {
      const found = await globby(`**/*.{${extensions}}`, {
        cwd: abs,
        ignore,
        gitignore: true,
        absolute: true,
        onlyFiles: false,
        followSymbolicLinks: false,
        dot: false,
        stats: true,
        objectMode: true,
      });
      for (const entry of found) {
        const file = path.normalize(entry.path);
        if (entry.stats?.isSymbolicLink()) skipped.push({ file, reason: "symbolic link (not followed)" });
        else if (entry.stats?.isFile()) files.add(file);
      }
    }
  }
  return { files: [...files].sort(), skipped };
}

function isSourceFile(file: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}
