import path from "node:path";
import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import { unwrapExpression, type EntryPoint } from "./entry-point.js";
import { collectExports, resolveFunction } from "./lambda.js";
import { vercelWaitUntil } from "./next.js";
import type { PackageFacts } from "./package-facts.js";

const API_FILE = /^api\/(?:.+\/)?[^_./][^/]*\.(?:js|mjs|cjs|ts|mts|cts|jsx|tsx)$/;
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const VERCEL_PACKAGES = ["vercel", "@vercel/node", "@vercel/functions"];

/**
 * Vercel Functions outside Next.js: the default export (or HTTP method exports) of files under
 * the project's `api/` folder, in a package that shows it deploys to Vercel (vercel.json or a
 * Vercel dependency). Files whose name starts with `_` or `.` are not functions on Vercel.
 */
export function findVercelFunctions(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  if (!facts.root || facts.dependencies.has("next")) return [];
  if (!facts.vercelJson && !VERCEL_PACKAGES.some((p) => facts.dependencies.has(p))) return [];
  const rel = path.relative(facts.root, file.getFilePath()).split(path.sep).join("/");
  if (!API_FILE.test(rel)) return [];
  const defer = vercelWaitUntil(facts, "a Vercel function defers only through @vercel/functions");
  const out: EntryPoint[] = [];
  for (const exported of collectExports(file)) {
    if (exported.name !== "default" && !HTTP_METHODS.has(exported.name)) continue;
    const resolved = resolveFunction(file, exported);
    if (resolved) out.push({ platform: "vercel", exportName: exported.name, ...resolved, evidence: "convention", defer });
  }
  // `module.exports = (req, res) => { ... }`, the CommonJS form of a default export.
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const expr = statement.getExpression();
    if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (expr.getLeft().getText().replace(/\s+/g, "") !== "module.exports") continue;
    const resolved = resolveFunction(file, { name: "default", value: unwrapExpression(expr.getRight()) ?? expr.getRight() });
    if (resolved) out.push({ platform: "vercel", exportName: "default", ...resolved, evidence: "convention", defer });
  }
  return out;
}
