import type { Colors } from "picocolors/types.js";
import type { Finding, Transform } from "./define-transform.js";
import { countOf, ruleById, type Level } from "./findings.js";
import type { RunResult } from "./run.js";
import type { TypeGap } from "./type-gaps.js";

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

export interface SummaryOptions {
  /** List every note too (by default notes are folded into one line per rule). */
  verbose?: boolean;
}

/**
 * The human summary: counts; what kept types unknown (once, up front); every blocking finding and
 * warning, grouped by file, each with its fix on a second line; notes folded into one line per
 * rule with a count and the files most affected; skipped and failed files; with `verbose`, also the
 * exports that look like entry points and what settle decided about them; why --check failed.
 */
export function formatSummary(result: RunResult, c: Colors, options: SummaryOptions = {}): string {
  const { counts } = result;
  const verb = result.mode === "write" ? "changed" : "would change";
  const byLevel = countLevels(result.findings);
  const head = [
    `${counts.changed} ${plural(counts.changed, "file")} ${verb}`,
    `${counts.unchanged} unchanged`,
    counts.skipped > 0 ? c.yellow(`${counts.skipped} skipped`) : `${counts.skipped} skipped`,
    counts.failed > 0 ? c.red(`${counts.failed} failed`) : `${counts.failed} failed`,
  ].join(", ");
  const levels = [
    byLevel.blocking > 0 ? c.red(`${byLevel.blocking} blocking`) : "0 blocking",
    byLevel.warning > 0 ? c.yellow(`${byLevel.warning} ${plural(byLevel.warning, "warning")}`) : "0 warnings",
    `${byLevel.note} ${plural(byLevel.note, "note")}`,
  ].join(", ");
  const found = `${counts.findings} ${plural(counts.findings, "finding")}${counts.findings > 0 ? `: ${levels}` : ""}`;
  const lines = [`settle${result.shard ? ` (shard ${result.shard.index}/${result.shard.count})` : ""}: ${head}, ${found}${result.mode === "write" ? "" : " (dry run: nothing written)"}`];
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push("", title, ...rows.map((r) => `  ${r}`));
  };
  section(c.yellow("types unknown:"), typeGapRows(result.typeGaps ?? [], c, options.verbose));
  const listed = options.verbose ? result.findings : result.findings.filter((f) => f.level !== "note");
  section("reported, not rewritten:", findingRows(listed, c));
  if (!options.verbose) section(`notes (settle could not tell, or left alone on purpose; --verbose lists them):`, [...foldedNotes(result, c), ...foldedEntryNotes(result)]);
  section(c.yellow("skipped:"), result.files.filter((f) => f.status === "skipped").map((f) => `${f.path}  ${f.reason}`));
  section(c.red("failed:"), result.files.filter((f) => f.status === "failed").map((f) => `${f.path}  ${f.reason}`));
  section(c.red("config errors:"), result.errors.map((e) => `${e.file}  ${e.message}`));
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
  if (result.mode === "check" && byLevel.blocking > 0) {
    lines.push("", c.red(`check failed: ${byLevel.blocking} blocking ${plural(byLevel.blocking, "finding")} (code that still fails on its runtime; fix by hand, or opt out with // settle-ignore-next-line <reason>)`));
  }
  return lines.join("\n");
}

/** How many findings of each level. */
export function countLevels(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { blocking: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

/** `file` headers, then `line:col  level  reason  rule` and an indented fix line under each finding. */
function findingRows(findings: readonly Finding[], c: Colors): string[] {
  const rows: string[] = [];
  const paint = { blocking: c.red, warning: c.yellow, note: c.dim } as const;
  for (const [file, own] of groupBy(findings, (f) => f.file)) {
    rows.push(c.bold(file));
    const sorted = [...own].sort((a, b) => a.line - b.line || a.column - b.column);
    const width = Math.max(...sorted.map((f) => `${f.line}:${f.column}`.length));
    // A rule's fix is said once per file (a finding with a fix of its own always says it).
    const said = new Set<string>();
    for (const f of sorted) {
      const at = `${f.line}:${f.column}`.padEnd(width);
      rows.push(`  ${at}  ${paint[f.level](f.level)}  ${f.reason}  ${c.dim(f.rule)}`);
      if (said.has(f.fix)) continue;
      said.add(f.fix);
      rows.push(`  ${" ".repeat(width)}  ${c.dim(`fix: ${f.fix}`)}`);
    }
  }
  return rows;
}

/** Each gap with its fix; several packages without node_modules fold into one line unless verbose. */
function typeGapRows(gaps: readonly TypeGap[], c: Colors, verbose = false): string[] {
  const missing = gaps.filter((g) => g.rule === "no-node-modules");
  const rows: string[] = [];
  if (missing.length > 2 && !verbose) {
    const shown = missing.slice(0, 3).map((g) => g.dir).join(", ");
    rows.push(`no node_modules in ${missing.length} packages (${shown}, …): their dependencies are of unknown type`);
    rows.push(c.dim("  fix: install dependencies in each (npm ci) for type-aware results, then run settle again; --verbose lists them"));
  } else {
    for (const g of missing) rows.push(g.message, c.dim(`  fix: ${g.fix}`));
  }
  for (const g of gaps.filter((g) => g.rule !== "no-node-modules")) rows.push(g.message, c.dim(`  fix: ${g.fix}`));
  return rows;
}

/** One line per note rule: count, files, the most affected files, and how many a type gap explains. */
function foldedNotes(result: RunResult, c: Colors): string[] {
  const notes = result.findings.filter((f) => f.level === "note");
  const gaps = (result.typeGaps ?? []).filter((g) => g.rule === "no-node-modules");
  return [...groupBy(notes, (f) => f.rule)].sort((a, b) => b[1].length - a[1].length).map(([rule, own]) => {
    const perFile = [...groupBy(own, (f) => f.file)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const top = perFile.slice(0, 3).map(([file, fs]) => `${file} (${fs.length})`).join(", ");
    const more = perFile.length > 3 ? ", …" : "";
    const explained = gaps.length > 0 ? own.filter((f) => gaps.some((g) => isUnder(f.file, g.dir))).length : 0;
    const because = rule === "unknown-type" && explained > 0 ? `; ${explained} of them in packages without node_modules (see above)` : "";
    return `${countOf(own.length, ruleById(rule))} in ${perFile.length} ${plural(perFile.length, "file")}: ${top}${more}${because}  ${c.dim(rule)}`;
  });
}

/** The entry-point notes --verbose lists, as one line per kind with a count and the files most affected. */
function foldedEntryNotes(result: RunResult): string[] {
  const titles = {
    declined: (n: number) => `${n === 1 ? "export that looks like an entry point" : "exports that look like entry points"} not taken`,
    followed: (n: number) => `${plural(n, "entry point")} found through code settle does not know`,
  } as const;
  return (["declined", "followed"] as const).flatMap((kind) => {
    const own = (result.entryNotes ?? []).filter((n) => n.kind === kind);
    if (own.length === 0) return [];
    const perFile = [...groupBy(own, (n) => n.file)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const top = perFile.slice(0, 3).map(([file, ns]) => `${file} (${ns.length})`).join(", ");
    return [`${own.length} ${titles[kind](own.length)} in ${perFile.length} ${plural(perFile.length, "file")}: ${top}${perFile.length > 3 ? ", …" : ""}`];
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups].sort((a, b) => a[0].localeCompare(b[0])));
}

function isUnder(file: string, dir: string): boolean {
  return dir === "." || dir === "" || file === dir || file.startsWith(`${dir}/`);
}

/** Where --list and --help send a reader for the whole description of a transform. */
export const TRANSFORM_DOCS = "each transform in full: docs/transforms/<id>.md (in the package and the repository)";

/** `--list`: one transform a line, id then summary, then where each is described in full. */
export function formatTransformList(transforms: readonly Transform[]): string {
  const width = Math.max(...transforms.map((t) => t.id.length));
  return [...transforms.map((t) => `${t.id.padEnd(width)}  ${t.summary}`), TRANSFORM_DOCS].join("\n");
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
