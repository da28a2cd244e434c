import path from "node:path";
import { Node, type SourceFile } from "ts-morph";
import { findLocalFunction, unwrapExpression, type EntryPoint, type FunctionLike } from "./entry-point.js";

/** `supabase/functions/<name>/index.<ext>`; folders starting with `_` (`_shared`) hold shared code, not functions. */
const FUNCTION_FILE = /^(.*\/)?supabase\/functions\/[^/_][^/]*\/index\.(?:[cm]?[jt]s|[jt]sx)$/;
/** The Deno standard library's `serve`, which older Supabase functions use in place of `Deno.serve`. */
const STD_SERVE = /^https:\/\/deno\.land\/std(@[^/]+)?\/http\/server\.ts$|^(jsr|npm):@std\/http(@[^/]+)?(\/server)?$/;

/**
 * Supabase Edge Functions: the request handler handed to `Deno.serve(handler)` (also
 * `Deno.serve(options, handler)`, `Deno.serve({ handler })`, std's `serve(handler)`) in
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
  return out;
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
