import { Node, SyntaxKind } from "ts-morph";

/**
 * `new Promise(async () => { startWorker(); })`: an executor that takes neither `resolve` nor
 * `reject` (or never mentions them) leaves nothing able to settle the promise, so awaiting it
 * hangs the handler for good. Such a promise is reported, not awaited.
 */
export function neverSettles(work: Node): boolean {
  let expr: Node | undefined = work;
  if (Node.isVariableStatement(expr)) expr = expr.getDeclarations()[0]?.getInitializer();
  while (expr && Node.isParenthesizedExpression(expr)) expr = expr.getExpression();
  if (!expr || !Node.isNewExpression(expr) || expr.getExpression().getText() !== "Promise") return false;
  const executor = expr.getArguments()[0];
  if (!executor || !(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return false;
  const settlers = executor.getParameters().slice(0, 2);
  // A destructured or defaulted parameter, or `arguments`: too clever to judge, assume it can settle.
  if (settlers.some((p) => !Node.isIdentifier(p.getNameNode()))) return false;
  const names = new Set(settlers.map((p) => p.getName()));
  names.add("arguments");
  const body = executor.getBody();
  return !body.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => names.has(id.getText()));
}
