import { Node, SyntaxKind, ts } from "ts-morph";
import type { Strategy } from "./define-transform.js";
import type { EntryPoint, FunctionLike } from "./handlers/entry-point.js";
import { netlifyParamStyle } from "./handlers/netlify.js";
import { importsEdgeRuntimeTypes } from "./handlers/supabase.js";
import { isContextuallyTyped, workersParamStyle, type ParamStyle } from "./handlers/workers.js";
import { oracleFor } from "./types/oracle.js";

/** Parameters to add to a handler so it can reach its execution context. */
export interface AddedParams {
  /** Where the text goes: after the last parameter, or inside empty parentheses. */
  offset: number;
  text: string;
  /** A lone unparenthesised arrow parameter (`req => ...`) gets parentheses around it and the new ones. */
  parens?: { start: number; end: number };
}

/** How one entry point keeps its floating work inside the invocation. */
export type Deferral =
  /** `reason`: why `--strategy defer` could not defer here (reported); absent when awaiting was the plan. */
  | { kind: "await"; reason?: string }
  | { kind: "after"; module: "next/server"; name: "after" }
  | { kind: "waitUntil"; module: "@vercel/functions"; name: "waitUntil" }
  | { kind: "ctx.waitUntil"; receiver: string; addParams?: AddedParams };

const PLATFORM_NAMES: Record<EntryPoint["platform"], string> = {
  lambda: "AWS Lambda",
  next: "Next.js",
  vercel: "Vercel",
  workers: "Cloudflare Workers",
  hono: "Hono",
  nest: "NestJS",
  netlify: "Netlify",
  supabase: "Supabase Edge Functions",
  firebase: "Cloud Functions",
  azure: "Azure Functions",
};

/**
 * The deferral for an entry point: `await` always awaits; `auto` and `defer` use the platform's
 * primitive where it has one and await elsewhere, and `defer` says why it had to await.
 */
export function chooseDeferral(entry: EntryPoint, strategy: Strategy): Deferral {
  if (strategy === "await") return { kind: "await" };
  const fallback = (why: string): Deferral => ({ kind: "await", reason: strategy === "defer" ? `${why}; awaited instead` : undefined });
  const support = entry.defer ?? { kind: "none", why: `${PLATFORM_NAMES[entry.platform]} has no primitive to run work after the response` };
  switch (support.kind) {
    case "none":
      return fallback(support.why);
    case "after":
      return { kind: "after", module: "next/server", name: "after" };
    case "waitUntil":
      return { kind: "waitUntil", module: "@vercel/functions", name: "waitUntil" };
    case "this.ctx.waitUntil":
      return { kind: "ctx.waitUntil", receiver: "this.ctx" };
    case "EdgeRuntime.waitUntil":
      // A global of the Edge Runtime, declared by the types the function imports; without them a new
      // reference would not type-check under Deno, so the work is awaited.
      return isJavaScript(entry.fn) || importsEdgeRuntimeTypes(entry.fn.getSourceFile()) || resolvesName(entry.fn, "EdgeRuntime", ts.SymbolFlags.Value)
        ? { kind: "ctx.waitUntil", receiver: "EdgeRuntime" }
        : fallback('EdgeRuntime is not declared in this file (add import "jsr:@supabase/functions-js/edge-runtime.d.ts" to defer with EdgeRuntime.waitUntil)');
    case "ctx.waitUntil": {
      const access = contextAccess(entry, support.param, support.member);
      return "why" in access ? fallback(access.why) : { kind: "ctx.waitUntil", ...access };
    }
  }
}

/** The expression that reaches the execution context, adding the missing parameters the way the file writes them. */
function contextAccess(entry: EntryPoint, index: number, member: string | undefined): { receiver: string; addParams?: AddedParams } | { why: string } {
  const fn = entry.fn;
  const params = fn.getParameters();
  const existing = params[index];
  if (existing) {
    if (!Node.isIdentifier(existing.getNameNode())) return { why: "the execution context parameter is destructured (waitUntil needs its object)" };
    return { receiver: member ? `${existing.getName()}.${member}` : existing.getName() };
  }
  const style: ParamStyle[] =
    entry.platform === "hono" ? [{ name: "c" }]
    : entry.platform === "netlify" ? netlifyParamStyle(fn)
    : workersParamStyle(fn, entry.exportName.replace(/^default\./, ""));
  const annotate = entry.platform !== "hono" && !isJavaScript(fn) && (entry.platform === "netlify" ? !isTypedByContext(fn) : !isContextuallyTyped(fn));
  const used = new Set(fn.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()));
  const added: string[] = [];
  for (let i = params.length; i <= index; i++) {
    let name = style[i].name;
    // A new parameter must not shadow a name the body already uses (`import { env } from "cloudflare:workers"`).
    if (used.has(name) && i < index) name = `_${name}`;
    if (used.has(name)) return { why: `the handler already uses the name \`${name}\` for something else, so the execution context cannot be added as a parameter` };
    let type = annotate ? style[i].type : undefined;
    if (type && !isTypeDeclared(fn, type)) {
      if (i === index) return { why: missingTypeReason(name, type) };
      type = "unknown";
    }
    added.push(type ? `${name}: ${type}` : name);
  }
  const ctxName = added[added.length - 1].split(":")[0];
  const receiver = member ? `${ctxName}.${member}` : ctxName;
  const last = params[params.length - 1];
  if (!last) {
    const close = fn.getFirstChildByKind(SyntaxKind.CloseParenToken);
    if (!close) return { why: "cannot find the handler's parameter list" };
    return { receiver, addParams: { offset: close.getStart(), text: added.join(", ") } };
  }
  const parenthesised = !Node.isArrowFunction(fn) || !!fn.getFirstChildByKind(SyntaxKind.OpenParenToken);
  return {
    receiver,
    addParams: {
      offset: last.getEnd(),
      text: `, ${added.join(", ")}`,
      parens: parenthesised ? undefined : { start: last.getStart(), end: last.getEnd() },
    },
  };
}

/** `pkg` of a type named through its package, `import("pkg").T`. */
function packageOfImportType(type: string): string | undefined {
  return /^import\("([^"]+)"\)/.exec(type)?.[1];
}

function missingTypeReason(name: string, type: string): string {
  const pkg = packageOfImportType(type);
  return pkg
    ? `adding the \`${name}\` parameter needs the type ${type}, and ${pkg} is not installed (install it, or add the parameter yourself)`
    : `adding the \`${name}\` parameter needs the type ${type}, which is not declared here (install @cloudflare/workers-types or run wrangler types)`;
}

function isJavaScript(fn: FunctionLike): boolean {
  return /\.(c|m)?jsx?$/.test(fn.getSourceFile().getFilePath());
}

/** `(async (req) => …) satisfies Handler`, `as Handler`, or a variable annotated with a function type: the parameters are typed by it. */
function isTypedByContext(fn: FunctionLike): boolean {
  let parent = fn.getParent();
  while (parent && Node.isParenthesizedExpression(parent)) parent = parent.getParent();
  return !!parent && (Node.isSatisfiesExpression(parent) || Node.isAsExpression(parent) || (Node.isVariableDeclaration(parent) && !!parent.getTypeNode()));
}

/**
 * Whether the type's name (`ExecutionContext`, `Env`, `MessageBatch` of `MessageBatch<T>`) resolves
 * where the handler is; a type named through its package (`import("pkg").T`) needs the package to resolve.
 */
function isTypeDeclared(fn: FunctionLike, type: string): boolean {
  const pkg = packageOfImportType(type);
  if (pkg) return resolvesModule(fn, pkg);
  const name = /^[A-Za-z_$][\w$]*/.exec(type)?.[0];
  if (!name) return true;
  if (name === "unknown") return true;
  return resolvesName(fn, name, ts.SymbolFlags.Type);
}

/** Whether `name` (a type or a value, by `meaning`) is declared where the handler is. */
function resolvesName(fn: FunctionLike, name: string, meaning: ts.SymbolFlags): boolean {
  return oracleFor(fn.getProject()).resolvesName(fn, name, meaning);
}

function resolvesModule(fn: FunctionLike, specifier: string): boolean {
  const project = fn.getProject();
  return ts.resolveModuleName(specifier, fn.getSourceFile().getFilePath(), project.getCompilerOptions(), project.getModuleResolutionHost()).resolvedModule !== undefined;
}
