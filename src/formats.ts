import type { Level } from "./findings.js";
import { RULES, ruleById } from "./findings.js";
import type { RunResult } from "./run.js";

/** `-f, --format`: text (diffs on stdout, summary on stderr) or one machine format alone on stdout. */
export type Format = "text" | "json" | "sarif" | "github";
export const FORMATS: readonly Format[] = ["text", "json", "sarif", "github"];

/** One located problem, whichever part of the run found it (a transform, the reader, a config). */
interface Located {
  file: string;
  line?: number;
  column?: number;
  rule: string;
  level: Level;
  message: string;
  fix: string;
}

/** Findings, then files that failed or were skipped, then config errors: everything a CI tool shows. */
function locatedProblems(result: RunResult): Located[] {
  const out: Located[] = result.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, rule: f.rule, level: f.level, message: f.reason, fix: f.fix }));
  for (const f of result.files) {
    if (f.status !== "failed" && f.status !== "skipped") continue;
    const rule = ruleById(f.status === "failed" ? "file-failed" : "file-skipped");
    out.push({ file: f.path, rule: rule.id, level: rule.level, message: f.reason ?? f.status, fix: rule.fix });
  }
  const config = ruleById("config-error");
  for (const e of result.errors) out.push({ file: e.file, rule: config.id, level: config.level, message: e.message, fix: config.fix });
  return out;
}

/** The RunResult as it is: every finding with its level, rule and fix. */
export function formatJson(result: RunResult): string {
  return JSON.stringify(result, null, 2);
}

/**
 * What the run says beside its findings, none of it a problem in the code: the run's own notes
 * (e.g. which compiler answered), why types are unknown, and exports that look like entry points
 * but were not taken or were found through code settle does not know.
 */
interface Remark {
  /** notification id: `run-note`, a type gap's rule, `entry-point-declined` or `entry-point-followed`. */
  id: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

function remarksOf(result: RunResult): Remark[] {
  const out: Remark[] = (result.notes ?? []).map((n) => ({ id: "run-note", message: n }));
  for (const g of result.typeGaps ?? []) out.push({ id: g.rule, message: `${g.message} (fix: ${g.fix})` });
  for (const n of result.entryNotes ?? []) {
    const message = n.kind === "declined" ? `${n.exportName} not treated as an entry point: ${n.reason}` : `${n.exportName} is an entry point found through code settle does not know: ${n.reason}`;
    out.push({ id: `entry-point-${n.kind}`, message, file: n.file, line: n.line, column: n.column });
  }
  return out;
}

const SARIF_LEVEL: Record<Level, "error" | "warning" | "note"> = { blocking: "error", warning: "warning", note: "note" };

/**
 * SARIF 2.1.0 (GitHub code scanning and other readers): every rule's metadata with its default
 * level, one result per finding with a 1-based line and column, and the suggested fix as text
 * (the rule's `help`, and the finding's own in `properties.fix`).
 */
export function formatSarif(result: RunResult, version: string): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "settle",
            version,
            informationUri: "https://www.npmjs.com/package/settle",
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              help: { text: `Fix: ${r.fix}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.level] },
              properties: { level: r.level },
            })),
          },
        },
        results: locatedProblems(result).map((p) => ({
          ruleId: p.rule,
          ruleIndex: index.get(p.rule)!,
          level: SARIF_LEVEL[p.level],
          message: { text: `${p.message}\nFix: ${p.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(p.file), uriBaseId: "%SRCROOT%" },
                ...(p.line ? { region: { startLine: p.line, startColumn: p.column ?? 1 } } : {}),
              },
            },
          ],
          properties: { level: p.level, fix: p.fix },
        })),
        // The run's notes, type gaps and entry-point notes are not results (no alert in code scanning):
        // tool execution notifications of level "note".
        invocations: [
          {
            executionSuccessful: result.files.every((f) => f.status !== "failed") && result.errors.length === 0,
            toolExecutionNotifications: remarksOf(result).map((r) => ({
              descriptor: { id: r.id },
              level: "note",
              message: { text: r.message },
              ...(r.file
                ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(r.file), uriBaseId: "%SRCROOT%" }, ...(r.line ? { region: { startLine: r.line, startColumn: r.column ?? 1 } } : {}) } }] }
                : {}),
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * GitHub workflow commands: `::error` for blocking findings, `::warning` for warnings (and files
 * that could not be processed), notes omitted. The message carries the fix on a second line. The
 * run's own notes and type gaps come first as `::notice` (never an error), and the exports not
 * taken as entry points as one `::notice` with their count.
 */
export function formatGithub(result: RunResult): string {
  const lines: string[] = [];
  const remarks = remarksOf(result);
  for (const r of remarks.filter((r) => !r.id.startsWith("entry-point-"))) lines.push(`::notice title=settle::${escapeData(r.message)}`);
  const declined = remarks.filter((r) => r.id === "entry-point-declined").length;
  if (declined > 0) {
    lines.push(`::notice title=settle::${escapeData(`${declined} ${declined === 1 ? "export looks" : "exports look"} like entry points but ${declined === 1 ? "was" : "were"} not taken; settle --verbose lists them and why`)}`);
  }
  for (const p of locatedProblems(result)) {
    if (p.level === "note") continue;
    const command = p.level === "blocking" ? "error" : "warning";
    const props = [`file=${escapeProperty(p.file)}`];
    if (p.line) props.push(`line=${p.line}`, `col=${p.column ?? 1}`);
    props.push(`title=${escapeProperty(`settle ${p.rule}`)}`);
    lines.push(`::${command} ${props.join(",")}::${escapeData(`${p.message}\nFix: ${p.fix}`)}`);
  }
  return lines.join("\n");
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
