import type { Finding, Strategy, Transform } from "./define-transform.js";
import { transformProject, type EngineFile } from "./engine.js";
import { createInMemoryProject } from "./project.js";
import { scriptKindFor } from "./syntax.js";

export interface SourceResult {
  text: string;
  changed: boolean;
  findings: Finding[];
  /** Why the file could not be processed (syntax error, refused output). */
  failure?: string;
}

/**
 * Transform one file's text in memory, with only local type information (plus `context` files
 * that are visible to the checker, or for other files such as package.json, to the handler
 * finders, but not transformed). Used by the jscodeshift adapter and tests.
 */
export function transformSource(
  fileName: string,
  source: string,
  transforms: readonly Transform[],
  opts: { strategy?: Strategy; context?: Record<string, string> } = {},
): SourceResult {
  return transformSources({ [fileName]: source }, transforms, opts)[fileName]!;
}

/**
 * Transform several independent files' texts in one in-memory project (one checker for all of
 * them), each as `transformSource` would: results and findings per file. Tests with many small
 * cases use it so the library declarations are loaded and checked once.
 */
export function transformSources(
  sources: Record<string, string>,
  transforms: readonly Transform[],
  opts: { strategy?: Strategy; context?: Record<string, string> } = {},
): Record<string, SourceResult> {
  const project = createInMemoryProject();
  for (const [name, content] of Object.entries(opts.context ?? {})) {
    // Source files are visible to the checker; others (package.json, wrangler.toml) to the handler finders.
    if (/\.[cm]?[jt]sx?$/.test(name)) project.createSourceFile(name, content, { overwrite: true });
    else project.getFileSystem().writeFileSync(name, content);
  }
  const files = Object.entries(sources).map(([fileName, source]): EngineFile & { bom: boolean; source: string } => {
    const bom = source.startsWith("\uFEFF");
    const text = bom ? source.slice(1) : source;
    const sourceFile = project.createSourceFile(fileName, text, { overwrite: true, scriptKind: scriptKindFor(fileName) });
    return { path: fileName, sourceFile, text, changedBy: [], bom, source };
  });
  const findings = transformProject(files, transforms, { strategy: opts.strategy ?? "auto" });
  const results: Record<string, SourceResult> = {};
  for (const file of files) {
    const out = (file.bom ? "\uFEFF" : "") + file.text;
    // One file alone keeps every finding, as it always did; several split them by file.
    const own = files.length === 1 ? findings : findings.filter((f) => f.file === file.sourceFile.getFilePath());
    results[file.path] = { text: out, changed: out !== file.source, findings: own, failure: file.failure };
  }
  return results;
}
