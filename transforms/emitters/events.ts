import { Node } from "ts-morph";
import { oracleFor } from "../../src/types/oracle.js";

/**
 * The event names an expression stands for: string literals and constants of a string literal type
 * (`USER_REGISTERED`), or an array of them (`@OnEvent(["a", "b"])`); undefined when not constant.
 */
export function eventNamesOf(expr: Node | undefined): string[] | undefined {
  if (!expr) return undefined;
  if (Node.isArrayLiteralExpression(expr)) {
    const names = expr.getElements().map((e) => eventNamesOf(e));
    return names.every((n) => n !== undefined) ? names.flat() : undefined;
  }
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return [expr.getLiteralValue()];
  const value = oracleFor(expr.getProject()).stringLiteralValue(expr);
  return value === undefined ? undefined : [value];
}

/** Whether a listener's event pattern (EventEmitter2 wildcards: `*` one segment, `**` any) covers an emitted name. */
export function eventMatches(listener: string, emitted: string): boolean {
  if (listener === emitted) return true;
  if (!listener.includes("*")) return false;
  const pattern = listener
    .split(".")
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^.]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("\\.");
  return new RegExp(`^${pattern}$`).test(emitted);
}
