/**
 * Runs one Node.js tool in this very process and, when the process exits, writes the process's own
 * resource usage (user and system CPU time, peak RSS) to a file. Node.js reports resource usage only
 * for the current process, not per child, so the benchmark starts each tool through this wrapper:
 *
 *   node dist/bench/run-tool.js <usage.json> <tool script> [tool args...]
 */
import { writeFileSync } from "node:fs";
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
    exitCode: typeof code === "number" ? code : Number(process.exitCode ?? 0),
  };
  writeFileSync(usageFile, JSON.stringify(report));
});

// The tool sees the argv it would see when started directly.
const absolute = path.resolve(script);
process.argv = [process.argv[0], absolute, ...args];
await import(pathToFileURL(absolute).href);
