import type { Colors } from "picocolors/types.js";
import type { Transform } from "./define-transform.js";
import type { RunResult } from "./run.js";

/** A unified diff with + lines green, - lines red and hunk headers cyan. */
export function colorizeDiff(diff: string, c: Colors): string {
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return c.bold(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      if (line.startsWith("@@")) return c.cyan(line);
      return line;
    })
    .join("\n");
}

/**
 * The human summary: counts, then every skipped or failed file and every finding, with reasons;
 * with `verbose`, also the exports that look like entry points and what settle decided about them.
 */
export function formatSummary(result: RunResult, c: Colors, options: { verbose?: boolean } = {}): string {
  const { counts } = result;
  const verb = result.mode === "write" ? "changed" : "would change";
  const head = [
    `${counts.changed} ${plural(counts.changed, "file")} ${verb}`,
    `${counts.unchanged} unchanged`,
    counts.skipped > 0 ? c.yellow(`${counts.skipped} skipped`) : `${counts.skipped} skipped`,
    counts.failed > 0 ? c.red(`${counts.failed} failed`) : `${counts.failed} failed`,
    `${counts.findings} ${plural(counts.findings, "finding")}`,
  ].join(", ");
  const lines = [`settle: ${head}${result.mode === "write" ? "" : " (dry run: nothing written)"}`];
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push("", title, ...rows.map((r) => `  ${r}`));
  };
  section(c.yellow("skipped:"), result.files.filter((f) => f.status === "skipped").map((f) => `${f.path}  ${f.reason}`));
  section(c.red("failed:"), result.files.filter((f) => f.status === "failed").map((f) => `${f.path}  ${f.reason}`));
  section(c.red("config errors:"), result.errors.map((e) => `${e.file}  ${e.message}`));
  section(
    "reported, not rewritten:",
    result.findings.map((f) => `${f.file}:${f.line}:${f.column}  ${c.dim(f.transform)}  ${f.blocking ? c.red("[blocking] ") : ""}${f.reason}`),
  );
  if (options.verbose) {
    const notes = [...result.entryNotes].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    section(
      "not treated as entry points:",
      notes.filter((n) => n.kind === "declined").map((n) => `${n.file}:${n.line}:${n.column}  ${n.exportName}  ${n.reason}`),
    );
    section(
      "entry points found through code settle does not know:",
      notes.filter((n) => n.kind === "followed").map((n) => `${n.file}:${n.line}:${n.column}  ${n.exportName}  ${n.reason}`),
    );
  }
  if (result.interrupted) lines.push("", c.yellow("interrupted: files not listed as changed were left untouched"));
  if (result.mode === "check" && counts.changed > 0) {
    lines.push("", c.red(`check failed: ${counts.changed} ${plural(counts.changed, "file")} would change (run settle without --check to apply)`));
  }
  const blocking = result.findings.filter((f) => f.blocking).length;
  if (result.mode === "check" && blocking > 0) {
    lines.push("", c.red(`check failed: ${blocking} blocking ${plural(blocking, "finding")} (code that still fails on its runtime; fix by hand, or opt out with // settle-ignore)`));
  }
  return lines.join("\n");
}

/** `--list`: one transform a line, id then summary. */
export function formatTransformList(transforms: readonly Transform[]): string {
  const width = Math.max(...transforms.map((t) => t.id.length));
  return transforms.map((t) => `${t.id.padEnd(width)}  ${t.summary}`).join("\n");
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
