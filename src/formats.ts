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
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * GitHub workflow commands: `::error` for blocking findings, `::warning` for warnings (and files
 * that could not be processed), notes omitted. The message carries the fix on a second line.
 */
export function formatGithub(result: RunResult): string {
  const lines: string[] = [];
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
