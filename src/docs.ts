import type { Transform } from "./define-transform.js";

export const TABLE_START = "<!-- transforms:start (generated from transforms/index.ts; test/registry.test.ts keeps it in sync) -->";
export const TABLE_END = "<!-- transforms:end -->";

/** The README's transform table, derived from the registry. */
export function transformTable(transforms: readonly Transform[]): string {
  const rows = transforms.map(
    (t) =>
      `| \`${t.id}\` | ${t.summary} | ${t.requiresTypeInfo ? "yes" : "no"} | \`dist/transforms/${t.id}/jscodeshift.js\` |`,
  );
  return [
    TABLE_START,
    "| transform | what it rewrites | type-aware | jscodeshift entry |",
    "|---|---|---|---|",
    ...rows,
    TABLE_END,
  ].join("\n");
}
