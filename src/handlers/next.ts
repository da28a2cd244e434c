import path from "node:path";
import { Node, type SourceFile } from "ts-morph";
import { isFunctionLike, type DeferSupport, type EntryPoint, type FunctionLike } from "./entry-point.js";
import { collectExports, resolveFunction } from "./lambda.js";
import type { PackageFacts } from "./package-facts.js";

const SOURCE = "(?:js|jsx|ts|tsx|mjs|mts)";
const ROUTE_FILE = new RegExp(`^(?:src/)?app/(?:.+/)?route\\.${SOURCE}$`);
const PAGES_API = new RegExp(`^(?:src/)?pages/api/.+\\.${SOURCE}$`);
const MIDDLEWARE = new RegExp(`^(?:src/)?(middleware|proxy)\\.${SOURCE}$`);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** `after` is stable from this version on (it was `unstable_after` behind a flag in 15.0). */
const AFTER_SINCE = [15, 1];

/**
 * Next.js entry points: app router route handlers (`app/**\/route.*` HTTP method exports),
 * Server Actions (`"use server"` files and functions), `pages/api/**` default exports and the
 * middleware / proxy file. Route files count only in a package that depends on `next`.
 */
export function findNextEntryPoints(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  const out: EntryPoint[] = [];
  const rel = facts.root ? path.relative(facts.root, file.getFilePath()).split(path.sep).join("/") : undefined;
  const isNext = facts.dependencies.has("next");
  const add = (exportName: string, fn: FunctionLike, wrapped: boolean, defer: DeferSupport) =>
    out.push({ platform: "next", exportName, fn, wrapped, evidence: "convention", defer });

  if (isNext && rel) {
    const middleware = MIDDLEWARE.exec(rel);
    const wanted = ROUTE_FILE.test(rel)
      ? (name: string) => HTTP_METHODS.has(name)
      : PAGES_API.test(rel)
        ? (name: string) => name === "default"
        : middleware
          ? (name: string) => name === "default" || name === middleware[1]
          : undefined;
    // The pages router has no after(); only @vercel/functions' waitUntil can defer there.
    const defer = PAGES_API.test(rel) ? vercelWaitUntil(facts, "the pages router has no after()") : nextDefer(facts);
    if (wanted) {
      for (const exported of collectExports(file)) {
        if (!wanted(exported.name)) continue;
        const resolved = resolveFunction(file, exported);
        if (resolved) add(exported.name, resolved.fn, resolved.wrapped, defer);
      }
    }
  }
  if (file.getFullText().includes("use server")) {
    const defer = nextDefer(facts);
    if (hasDirective(file, "use server")) {
      for (const exported of collectExports(file)) {
        const resolved = resolveFunction(file, exported);
        if (resolved) add(exported.name, resolved.fn, resolved.wrapped, defer);
      }
    }
    file.forEachDescendant((node) => {
      if (isFunctionLike(node) && hasDirective(node, "use server")) add(nameOf(node), node, false, defer);
    });
  }
  return out;
}

/** `after()` from next/server when the package's Next.js has it, else what Vercel offers. */
export function nextDefer(facts: PackageFacts): DeferSupport {
  const declared = facts.dependencies.get("next");
  const version = facts.installedNext ?? declared;
  if (version === undefined) return vercelWaitUntil(facts, "the package does not depend on next, so after() is not known to be there");
  const parsed = minimumVersion(version);
  if (parsed === "unknown") return vercelWaitUntil(facts, `cannot tell the Next.js version from "${version}"`);
  if (parsed === "newest" || compare(parsed, AFTER_SINCE) >= 0) return { kind: "after" };
  return vercelWaitUntil(facts, `Next.js ${version} has no after() (stable from 15.1)`);
}

/** `waitUntil` from @vercel/functions when the package depends on it. */
export function vercelWaitUntil(facts: PackageFacts, why: string): DeferSupport {
  if (facts.dependencies.has("@vercel/functions")) return { kind: "waitUntil" };
  return { kind: "none", why: `${why}, and @vercel/functions is not a dependency` };
}

/** The lowest version a declared range or an installed version allows: "newest" for dist-tags. */
export function minimumVersion(range: string): number[] | "newest" | "unknown" {
  const text = range.trim().replace(/^npm:next@/, "");
  if (/^(latest|canary|rc|beta|next)$/i.test(text)) return "newest";
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!match || /^(workspace|catalog|file|link|git|github|http)/.test(text)) return "unknown";
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a file or function body starts with the directive (`"use server";`). */
function hasDirective(host: SourceFile | FunctionLike, directive: string): boolean {
  const body = Node.isSourceFile(host) ? host : host.getBody();
  if (!body || !(Node.isSourceFile(body) || Node.isBlock(body))) return false;
  for (const statement of body.getStatements()) {
    if (!Node.isExpressionStatement(statement)) return false;
    const expr = statement.getExpression();
    if (!Node.isStringLiteral(expr)) return false;
    if (expr.getLiteralValue() === directive) return true;
  }
  return false;
}

function nameOf(fn: FunctionLike): string {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName() ?? "(server action)";
  const holder = fn.getParent();
  return holder && Node.isVariableDeclaration(holder) ? holder.getName() : "(server action)";
}
