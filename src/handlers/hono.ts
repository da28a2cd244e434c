import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import { unwrapExpression, type DeferSupport, type EntryPoint } from "./entry-point.js";
import type { PackageFacts } from "./package-facts.js";
import { targetsWorkers } from "./workers.js";

const HONO_MODULES = new Set(["hono", "hono/tiny", "hono/quick"]);
const ROUTE_METHODS = new Set(["get", "post", "put", "delete", "patch", "options", "head", "all", "on", "use"]);

/**
 * Hono route handlers and middleware: function literals passed to `app.get/post/.../on/use` of an
 * app created with `new Hono()` in the same file (also chained: `new Hono().get(...).post(...)`).
 * `c.executionCtx` exists only on Cloudflare Workers (it throws elsewhere), so only a Workers
 * package defers with it.
 */
export function findHonoHandlers(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  const honoNames = new Set<string>();
  for (const imp of file.getImportDeclarations()) {
    if (!HONO_MODULES.has(imp.getModuleSpecifierValue())) continue;
    for (const named of imp.getNamedImports()) {
      if (named.getName() === "Hono") honoNames.add(named.getAliasNode()?.getText() ?? "Hono");
    }
  }
  if (honoNames.size === 0) return [];
  const isApp = (node: Node | undefined): boolean => {
    const expr = unwrapExpression(node);
    return !!expr && Node.isNewExpression(expr) && honoNames.has(expr.getExpression().getText());
  };
  const apps = new Set<string>();
  for (const decl of file.getVariableDeclarations()) {
    if (isApp(receiverRoot(decl.getInitializer()))) apps.add(decl.getName());
  }
  const defer: DeferSupport = targetsWorkers(facts)
    ? { kind: "ctx.waitUntil", param: 0, member: "executionCtx" }
    : { kind: "none", why: "c.executionCtx exists only on Cloudflare Workers, and this package shows no wrangler config or Workers dependency" };
  const out: EntryPoint[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.getName())) continue;
    const root = receiverRoot(callee.getExpression());
    if (!(root && Node.isIdentifier(root) ? apps.has(root.getText()) : isApp(root))) continue;
    const path = call.getArguments().find((a) => Node.isStringLiteral(a) || Node.isNoSubstitutionTemplateLiteral(a));
    for (const arg of call.getArguments()) {
      const fn = unwrapExpression(arg);
      if (!fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) continue;
      const exportName = `${root && Node.isIdentifier(root) ? root.getText() : "app"}.${callee.getName()}(${path?.getText() ?? ""})`;
      out.push({ platform: "hono", exportName, fn, wrapped: false, evidence: "convention", defer });
    }
  }
  return out;
}

/** The start of a call chain: `app` in `app.get(...).post(...)`, `new Hono()` in `new Hono().basePath("/x")`. */
function receiverRoot(node: Node | undefined): Node | undefined {
  let current = unwrapExpression(node);
  while (current && Node.isCallExpression(current)) {
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return current;
    current = unwrapExpression(callee.getExpression());
  }
  return current;
}
