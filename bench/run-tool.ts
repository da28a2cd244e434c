/**
 * Runs one Node.js tool in this very process and, when the process exits, writes the process's own
 * resource usage (user and system CPU time, peak RSS) to a file. Node.js reports resource usage only
 * for the current process, not per child, so the benchmark starts each tool through this wrapper:
 *
 *   node dist/bench/run-tool.js <usage.json> <tool script> [tool args...]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** What the wrapper writes at exit. */
export interface ToolUsage {
  /** User CPU time in seconds (all threads of the process). */
  userSeconds: number;
  /** System CPU time in seconds. */
  systemSeconds: number;
  /** Peak resident set size in bytes. */
  maxRssBytes: number;
  /**
   * CPU seconds (user + system) of the child processes this one started and waited for (TypeScript 7
   * runs its compiler as a child), from /proc/self/stat; 0 where that is not available.
   */
  childCpuSeconds: number;
  exitCode: number;
}

const [usageFile, script, ...args] = process.argv.slice(2);
if (!usageFile || !script) {
  process.stderr.write("usage: run-tool <usage.json> <script> [args...]\n");
  process.exit(2);
}

process.on("exit", (code) => {
  const usage = process.resourceUsage();
  const report: ToolUsage = {
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6,
    maxRssBytes: usage.maxRSS * 1024,
    childCpuSeconds: childCpuSeconds(),
    exitCode: typeof code === "number" ? code : Number(process.exitCode ?? 0),
  };
  writeFileSync(usageFile, JSON.stringify(report));
});

function childCpuSeconds(): number {
  try {
    // Fields after the command name: state is field 3, cutime and cstime are fields 16 and 17 (clock ticks, 100 a second on Linux).
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

// The tool sees the argv it would see when started directly.
const absolute = path.resolve(script);
process.argv = [process.argv[0], absolute, ...args];
await import(pathToFileURL(absolute).href);
