import path from "node:path";
import { Node, type SourceFile } from "ts-morph";
import { findLocalFunction, unwrapExpression, type EntryPoint, type FunctionLike } from "./entry-point.js";

/** `supabase/functions/<name>/index.<ext>`; folders starting with `_` (`_shared`) hold shared code, not functions. */
const FUNCTION_FILE = /^(.*\/)?supabase\/functions\/[^/_][^/]*\/index\.(?:[cm]?[jt]s|[jt]sx)$/;
/** `@supabase/server`, whose `withSupabase(options, handler)` wraps a handler in Supabase's own templates. */
const SUPABASE_SERVER = /^(npm:|jsr:)?@supabase\/server(@[^/]+)?$/;
/** The Deno standard library's `serve`, which older Supabase functions use in place of `Deno.serve`. */
const STD_SERVE = /^https:\/\/deno\.land\/std(@[^/]+)?\/http\/server\.ts$|^(jsr|npm):@std\/http(@[^/]+)?(\/server)?$/;

/**
 * Supabase Edge Functions: the request handler handed to `Deno.serve(handler)` (also
 * `Deno.serve(options, handler)`, `Deno.serve({ handler })`, std's `serve(handler)`), or the `fetch`
 * of `export default { fetch }` (also `fetch: withSupabase(options, handler)`, as Supabase's current
 * templates write it: the handler inside is the entry point, `ctx` there is Supabase's, not Workers') in
 * `supabase/functions/<name>/index.ts` of a project with a `supabase/config.toml`. A plain Deno
 * server elsewhere runs on and is left alone. The Edge Runtime keeps the worker alive for the
 * promises handed to the global `EdgeRuntime.waitUntil`.
 */
export function findSupabaseFunctions(file: SourceFile): EntryPoint[] {
  const filePath = file.getFilePath();
  const match = FUNCTION_FILE.exec(filePath);
  if (!match) return [];
  const config = path.join(match[1] ?? "/", "supabase", "config.toml");
  if (!file.getProject().getFileSystem().fileExistsSync(config)) return [];
  const stdServe = new Set<string>();
  for (const imp of file.getImportDeclarations()) {
    if (!STD_SERVE.test(imp.getModuleSpecifierValue())) continue;
    for (const named of imp.getNamedImports()) if (named.getName() === "serve") stdServe.add(named.getAliasNode()?.getText() ?? "serve");
  }
  const out: EntryPoint[] = [];
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const call = unwrapExpression(statement.getExpression());
    if (!call || !Node.isCallExpression(call)) continue;
    const callee = call.getExpression().getText();
    if (callee !== "Deno.serve" && !stdServe.has(callee)) continue;
    const fn = handlerOf(file, call.getArguments());
    if (fn) out.push({ platform: "supabase", exportName: callee, fn, wrapped: false, evidence: "config", defer: { kind: "EdgeRuntime.waitUntil" } });
  }
  const fetch = defaultFetch(file);
  if (fetch) out.push({ platform: "supabase", exportName: "default.fetch", evidence: "config", defer: { kind: "EdgeRuntime.waitUntil" }, ...fetch });
  return out;
}

/** The `fetch` of `export default { fetch }`: a method, a function, a local function's name, or the handler `withSupabase` wraps. */
function defaultFetch(file: SourceFile): { fn: FunctionLike; wrapped: boolean } | undefined {
  const exported = file.getExportAssignments().find((a) => !a.isExportEquals());
  const object = exported && unwrapExpression(exported.getExpression());
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const fetch = object.getProperty("fetch");
  if (fetch && Node.isMethodDeclaration(fetch)) return { fn: fetch, wrapped: false };
  if (!fetch || !Node.isPropertyAssignment(fetch)) return undefined;
  const value = unwrapExpression(fetch.getInitializer());
  if (!value) return undefined;
  if (Node.isCallExpression(value)) {
    const wrapper = withSupabaseNames(file);
    if (!wrapper.has(value.getExpression().getText())) return undefined;
    const fn = handlerOf(file, value.getArguments());
    return fn ? { fn, wrapped: true } : undefined;
  }
  const fn = handlerOf(file, [value]);
  return fn ? { fn, wrapped: false } : undefined;
}

function withSupabaseNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const imp of file.getImportDeclarations()) {
    if (!SUPABASE_SERVER.test(imp.getModuleSpecifierValue())) continue;
    for (const named of imp.getNamedImports()) if (named.getName() === "withSupabase") names.add(named.getAliasNode()?.getText() ?? "withSupabase");
  }
  return names;
}

/** The handler among `serve`'s arguments: a function, a local function's name, or an options object's `handler`. */
function handlerOf(file: SourceFile, args: Node[]): FunctionLike | undefined {
  for (const arg of [...args].reverse()) {
    const value = unwrapExpression(arg);
    if (!value) continue;
    if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return value;
    if (Node.isIdentifier(value)) {
      const local = findLocalFunction(file, value.getText());
      if (local) return local.fn;
    }
    if (Node.isObjectLiteralExpression(value)) {
      const handler = value.getProperty("handler");
      if (handler && Node.isMethodDeclaration(handler)) return handler;
      if (handler && Node.isPropertyAssignment(handler)) {
        const init = unwrapExpression(handler.getInitializer());
        if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
      }
    }
  }
  return undefined;
}

/** Whether the file brings the Edge Runtime's declarations (`import "jsr:@supabase/functions-js/edge-runtime.d.ts"`). */
export function importsEdgeRuntimeTypes(file: SourceFile): boolean {
  return file.getImportDeclarations().some((d) => /@supabase\/functions-js(@[^/]+)?\/edge-runtime\.d\.ts$/.test(d.getModuleSpecifierValue()));
}
