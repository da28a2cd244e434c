import type { Project } from "ts-morph";

/**
 * Which Projects built TypeScript 6's program (ts-morph builds it at the first type question, symbol
 * lookup or `isExported()` that needs a checker). With `--checker ts7` none should; tests assert it
 * with ts6ProgramsBuilt(). A debug aid on top (`SETTLE_TRACE_TS6=1`): the settle frames of the first
 * caller that needed each program, counted by trigger and printed to stderr when the process exits.
 */
const enabled = process.env.SETTLE_TRACE_TS6 === "1";
const triggers = new Map<string, { count: number; stack: string }>();
let built = 0;

/** How many TypeScript 6 programs the Projects of createProject() have built in this process. */
export function ts6ProgramsBuilt(): number {
  return built;
}

type ProgramLike = { _isCompilerProgramCreated(): boolean };

export function traceTs6Program(project: Project): void {
  const program = project.getProgram() as unknown as ProgramLike;
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(program), "compilerObject")?.get;
  if (!getter) return;
  Object.defineProperty(program, "compilerObject", {
    configurable: true,
    get() {
      // The first build only: then the prototype's getter again, so type questions pay nothing.
      if (!program._isCompilerProgramCreated()) {
        built++;
        if (enabled) record(new Error().stack ?? "");
      }
      delete (program as { compilerObject?: unknown }).compilerObject;
      return getter.call(program);
    },
  });
  // The language service (find references) builds a program of its own at its first request.
  const service = project.getLanguageService().compilerObject as unknown as Record<string, unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const [key, value] of Object.entries(service)) {
    if (typeof value !== "function" || key === "dispose" || key === "cleanupSemanticCache") continue;
    originals.set(key, value as (...args: unknown[]) => unknown);
    service[key] = (...args: unknown[]) => {
      // The first request only: then the service's own functions again.
      for (const [name, original] of originals) service[name] = original;
      built++;
      if (enabled) record(new Error().stack ?? "", "language service");
      return originals.get(key)!(...args);
    };
  }
}

function record(stack: string, what = "program"): void {
  const frames = stack
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => !line.includes("node_modules") && !line.includes("ts6-trace") && !line.includes("node:"));
  const key = `${what}: ${frames.slice(0, 3).join(" < ") || "(no settle frame)"}`;
  const entry = triggers.get(key);
  if (entry) entry.count++;
  else triggers.set(key, { count: 1, stack: `${what === "program" ? "" : `(${what}) `}${frames.slice(0, 12).join("\n    ")}` });
}

if (enabled) {
  process.on("exit", () => {
    const sorted = [...triggers.entries()].sort((a, b) => b[1].count - a[1].count);
    process.stderr.write(`SETTLE_TRACE_TS6: ${sorted.reduce((n, [, e]) => n + e.count, 0)} TypeScript 6 programs built (ts-morph's program or its language service's)\n`);
    for (const [, { count, stack }] of sorted) process.stderr.write(`  ${count}× ${stack}\n`);
  });
}
