import path from "node:path";
import type { FileSystemHost, SourceFile } from "ts-morph";
import type { EntryPoint, FunctionLike } from "./entry-point.js";
import { collectExports, resolveFunction } from "./lambda.js";
import { packageFactsFor, type PackageFacts } from "./package-facts.js";
import type { ParamStyle } from "./workers.js";

const PACKAGES = ["@netlify/functions", "@netlify/edge-functions", "netlify-cli"];
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Where a site's functions live, read from its netlify.toml (defaults: netlify/functions, netlify/edge-functions). */
export interface NetlifyDirs {
  functions: string;
  edgeFunctions: string;
}

/**
 * Netlify Functions (the v2 API) and Edge Functions: the default export of a function file,
 * `export default async (req: Request, context: Context) => Response`. A function file is
 * `<dir>/<name>.<ext>`, `<dir>/<name>/index.<ext>` or `<dir>/<name>/<name>.<ext>` of the site's
 * functions or edge functions folder, in a package with a netlify.toml or a Netlify dependency.
 * Netlify keeps the invocation open for the promises handed to `context.waitUntil`. (v1 functions,
 * `export const handler = async (event, context) => …`, are AWS Lambda handlers: lambda.ts.)
 */
export function findNetlifyFunctions(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  if (!facts.root || !(facts.netlifyToml || PACKAGES.some((p) => facts.dependencies.has(p)))) return [];
  if (!functionFileKindOf(file, facts.root)) return [];
  const exported = collectExports(file).find((e) => e.name === "default");
  const resolved = exported && resolveFunction(file, exported);
  // A missing `context` parameter is added to the function itself: it must be this file's own, not a
  // wrapper's argument (the wrapper's signature is what Netlify calls) or another module's function.
  if (!resolved || resolved.wrapped || resolved.fn.getSourceFile() !== file || resolved.fn.getParameters().length > 2) return [];
  return [{ platform: "netlify", exportName: "default", fn: resolved.fn, wrapped: false, evidence: "config", defer: { kind: "ctx.waitUntil", param: 1 } }];
}

/** Which folder of its Netlify site a file's functions are in, if any. */
function functionFileKindOf(file: SourceFile, root: string): "function" | "edge" | undefined {
  return functionFileKind(path.relative(root, file.getFilePath()).split(path.sep).join("/"), netlifyDirs(file.getProject().getFileSystem(), root));
}

/** Whether a path (relative to the site, with `/`) is a function file of the functions or edge functions folder. */
export function functionFileKind(rel: string, dirs: NetlifyDirs): "function" | "edge" | undefined {
  for (const [dir, kind] of [[dirs.functions, "function"], [dirs.edgeFunctions, "edge"]] as const) {
    const prefix = `${dir.replace(/^\.\//, "").replace(/\/+$/, "")}/`;
    if (!rel.startsWith(prefix)) continue;
    const parts = rel.slice(prefix.length).split("/");
    if (!SOURCE.test(parts[parts.length - 1])) return undefined;
    const base = parts[parts.length - 1].replace(SOURCE, "");
    if (parts.length === 1) return kind;
    if (parts.length === 2 && (base === "index" || base === parts[0])) return kind;
    return undefined;
  }
  return undefined;
}

/** `[functions] directory`, `[build] functions` and `[build] edge_functions` of netlify.toml, else Netlify's defaults. */
export function readNetlifyDirs(toml: string | undefined): NetlifyDirs {
  const dirs: NetlifyDirs = { functions: "netlify/functions", edgeFunctions: "netlify/edge-functions" };
  if (toml === undefined) return dirs;
  let table = "";
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, "");
    // `[table]`, or `[[array]]` (redirects, headers, plugins), whose keys are never the folders.
    const header = /^\[(\[?)\s*([\w."-]+)\s*\]/.exec(line);
    if (header) {
      table = header[1] ? "" : header[2];
      continue;
    }
    const entry = /^([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line);
    if (!entry) continue;
    const [, key, double, single] = entry;
    const value = double ?? single;
    if ((table === "functions" && key === "directory") || (table === "build" && key === "functions")) dirs.functions = value;
    if (table === "build" && key === "edge_functions") dirs.edgeFunctions = value;
  }
  return dirs;
}

const dirsCache = new WeakMap<FileSystemHost, Map<string, NetlifyDirs>>();

function netlifyDirs(fs: FileSystemHost, root: string): NetlifyDirs {
  let cache = dirsCache.get(fs);
  if (!cache) dirsCache.set(fs, (cache = new Map()));
  let dirs = cache.get(root);
  if (!dirs) {
    const file = path.join(root, "netlify.toml");
    let text: string | undefined;
    try {
      text = fs.fileExistsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    } catch {
      text = undefined;
    }
    cache.set(root, (dirs = readNetlifyDirs(text)));
  }
  return dirs;
}

/**
 * How a Netlify function's missing `(req, context)` parameters are written: `req: Request` and
 * `context: Context` where the file imports Netlify's `Context` type, else the type named through
 * its package (`import("@netlify/functions").Context`), which needs no new import.
 */
export function netlifyParamStyle(fn: FunctionLike): ParamStyle[] {
  const file = fn.getSourceFile();
  const imported = file.getImportDeclarations().some(
    (d) => /^@netlify\/(edge-)?functions$/.test(d.getModuleSpecifierValue()) && d.getNamedImports().some((n) => n.getName() === "Context" && !n.getAliasNode()),
  );
  const root = packageFactsFor(file).root;
  const edge = (root !== undefined && functionFileKindOf(file, root) === "edge") || file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === "@netlify/edge-functions");
  const context = imported ? "Context" : `import("${edge ? "@netlify/edge-functions" : "@netlify/functions"}").Context`;
  return [{ name: "req", type: "Request" }, { name: "context", type: context }];
}
