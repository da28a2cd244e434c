import type { Project } from "ts-morph";

/**
 * A debug aid (`SETTLE_TRACE_TS6=1`): for every Project whose TypeScript 6 program gets built, the
 * settle frames of the first caller that needed it, counted by trigger and printed to stderr when
 * the process exits. With `--checker ts7` nothing should build one; this says what still does.
 */
const enabled = process.env.SETTLE_TRACE_TS6 === "1";
const triggers = new Map<string, { count: number; stack: string }>();

type ProgramLike = { _isCompilerProgramCreated(): boolean };

export function traceTs6Program(project: Project): void {
  if (!enabled) return;
  const program = project.getProgram() as unknown as ProgramLike;
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(program), "compilerObject")?.get;
  if (!getter) return;
  Object.defineProperty(program, "compilerObject", {
    configurable: true,
    get() {
      if (!program._isCompilerProgramCreated()) record(new Error().stack ?? "");
      return getter.call(program);
    },
  });
}

function record(stack: string): void {
  const frames = stack
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => !line.includes("node_modules") && !line.includes("ts6-trace") && !line.includes("node:"));
  const key = frames.slice(0, 3).join(" < ") || "(no settle frame)";
  const entry = triggers.get(key);
  if (entry) entry.count++;
  else triggers.set(key, { count: 1, stack: frames.slice(0, 12).join("\n    ") });
}

if (enabled) {
  process.on("exit", () => {
    const sorted = [...triggers.entries()].sort((a, b) => b[1].count - a[1].count);
    process.stderr.write(`SETTLE_TRACE_TS6: ${sorted.reduce((n, [, e]) => n + e.count, 0)} TypeScript 6 programs built\n`);
    for (const [, { count, stack }] of sorted) process.stderr.write(`  ${count}× ${stack}\n`);
  });
}
