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
  const bom = source.startsWith("\uFEFF");
  const text = bom ? source.slice(1) : source;
  const project = createInMemoryProject();
  for (const [name, content] of Object.entries(opts.context ?? {})) {
    // Source files are visible to the checker; others (package.json, wrangler.toml) to the handler finders.
    if (/\.[cm]?[jt]sx?$/.test(name)) project.createSourceFile(name, content, { overwrite: true });
    else project.getFileSystem().writeFileSync(name, content);
  }
  const file: EngineFile = {
    path: fileName,
    sourceFile: project.createSourceFile(fileName, text, { overwrite: true, scriptKind: scriptKindFor(fileName) }),
    text,
    changedBy: [],
  };
  const findings = transformProject([file], transforms, { strategy: opts.strategy ?? "auto" });
  const out = (bom ? "\uFEFF" : "") + file.text;
  return { text: out, changed: out !== source, findings, failure: file.failure };
}
