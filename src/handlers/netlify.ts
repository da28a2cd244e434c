import path from "node:path";
import { Node, type FileSystemHost, type SourceFile } from "ts-morph";
import { findLocalFunction, unwrapExpression, type EntryPoint, type FunctionLike } from "./entry-point.js";
import type { PackageFacts } from "./package-facts.js";
import { isDefaultExportedDeclaration } from "./syntactic-exports.js";
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
  const dirs = netlifyDirs(file.getProject().getFileSystem(), facts.root);
  const kind = functionFileKind(path.relative(facts.root, file.getFilePath()).split(path.sep).join("/"), dirs);
  if (!kind) return [];
  const fn = defaultExportedFunction(file);
  if (!fn || fn.getParameters().length > 2) return [];
  return [{ platform: "netlify", exportName: "default", fn, wrapped: false, evidence: "config", defer: { kind: "ctx.waitUntil", param: 1 } }];
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

/** `export default async (req, context) => …`, `export default async function (…) {…}`, or `export default name` of a local function. */
function defaultExportedFunction(file: SourceFile): FunctionLike | undefined {
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement) && isDefaultExportedDeclaration(statement)) return statement.hasBody() ? statement : undefined;
    if (!Node.isExportAssignment(statement) || statement.isExportEquals()) continue;
    const expr = unwrapExpression(statement.getExpression());
    if (expr && (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr))) return expr;
    if (expr && Node.isIdentifier(expr)) return findLocalFunction(file, expr.getText())?.fn;
    return undefined;
  }
  return undefined;
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
  const edge = /(^|\/)edge-functions\//.test(file.getFilePath()) || file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === "@netlify/edge-functions");
  const context = imported ? "Context" : `import("${edge ? "@netlify/edge-functions" : "@netlify/functions"}").Context`;
  return [{ name: "req", type: "Request" }, { name: "context", type: context }];
}
