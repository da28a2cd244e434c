import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import pc from "picocolors";
import type { Strategy } from "./define-transform.js";
import { ConfigError, loadConfig } from "./config.js";
import { FORMATS, formatGithub, formatJson, formatSarif, type Format } from "./formats.js";
import { colorizeDiff, formatSummary, formatTransformList } from "./report.js";
import { oneLine } from "./fs.js";
import { parseShard } from "./shard.js";
import { CHECKERS, run, STRATEGIES, UsageError, type RunMode, type RunOptions } from "./run.js";
import type { CheckerBackend } from "./types/oracle.js";
import { transforms } from "../transforms/index.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const EXIT_CODES = `
Exit codes:
  0  done
  1  --check found changes or blocking findings, or a file or config could not be processed
  2  usage or configuration error (unknown flag, transform or config key, missing path, unusable --tsconfig)

Formats (-f): text (diffs on stdout, summary on stderr), json (the whole result), sarif (SARIF 2.1.0),
github (workflow annotations). Machine formats print nothing else on stdout.
Config: settle.config.json or a "settle" key in package.json (ignore, transforms, strategy); flags win.
Docs (in the package and the repository): docs/transforms/<id>.md (each transform in full),
docs/findings.md (every finding rule and its fix), docs/platforms.md (entry points, strategies, platforms),
docs/safety.md, docs/performance.md`;

interface CliFlags {
  transform?: string;
  list?: boolean;
  dryRun?: boolean;
  check?: boolean;
  json?: boolean;
  format?: string;
  strategy?: Strategy;
  checker?: CheckerBackend;
  tsconfig?: string;
  shard?: string;
  jobs?: string;
  ignore?: string[];
  force?: boolean;
  color: boolean;
  verbose?: boolean;
}

function buildProgram(): Command {
  return new Command()
    .name("settle")
    .description("Rewrite serverless code so that no async work escapes the invocation that started it.")
    .argument("[paths...]", "files or folders to process", ["."])
    .option("-t, --transform <ids>", "comma-separated transform ids (default: all, in registry order)")
    .option("--list", "list transforms with one-line summaries")
    .option("-n, --dry-run", "print unified diffs, write nothing")
    .option("--check", "like --dry-run; exit 1 when anything would change, or a blocking finding remains (for CI)")
    .addOption(new Option("-f, --format <name>", "output format").choices(FORMATS))
    .option("--json", "same as --format json: the run result as JSON on stdout (any mode)")
    .addOption(new Option("--strategy <s>", "how floating work is kept inside the invocation (default: auto)").choices(STRATEGIES))
    .addOption(new Option("--checker <c>", "type information from TypeScript 7's native compiler or TypeScript 6 (default: ts7 where its binary runs)").choices(CHECKERS))
    .option("--tsconfig <path>", "use this tsconfig instead of discovering them")
    .option("--shard <i/n>", "analyse shard i of n (a CI matrix; packages that import each other stay together)")
    .option(
      "--jobs <n>",
      "tsconfig groups analysed at once, on this thread and n-1 worker threads (default: one per core, as many as free memory holds at ~300 MB + 0.5 MB per file of the largest package, at most one per package; 1 on 2 cores or fewer)",
    )
    .option("--ignore <glob>", "more ignore globs (repeatable)", (v: string, all: string[] = []) => [...all, v])
    .option("--force", "write files that have uncommitted git changes (or are not in git)")
    .option("--no-color", "no colours in diffs and summary")
    .option("--verbose", "list every note, and exports that look like entry points but were not taken, and why; stack traces for unexpected errors")
    .version(pkg.version, "--version")
    .helpOption("-h, --help")
    .addHelpText("after", `\nTransforms:\n${indent(formatTransformList(transforms))}\n${EXIT_CODES}`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
}

/** Parse argv, run, print; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      process.stderr.write(`settle: ${error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")} (see --help)\n`);
      return 2;
    }
    throw error;
  }
  const flags = program.opts<CliFlags>();
  if (flags.list) {
    process.stdout.write(`${formatTransformList(transforms)}\n`);
    return 0;
  }
  const mode: RunMode = flags.check ? "check" : flags.dryRun ? "dry-run" : "write";
  if (flags.json && flags.format && flags.format !== "json") {
    process.stderr.write(`settle: --json and --format ${flags.format} cannot be used together (see --help)\n`);
    return 2;
  }
  const format: Format = flags.json ? "json" : ((flags.format as Format | undefined) ?? "text");
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (shard && "invalid" in shard) {
    process.stderr.write(`settle: ${shard.invalid} (see --help)\n`);
    return 2;
  }
  const jobs = flags.jobs === undefined ? undefined : Number(flags.jobs);
  if (jobs !== undefined && !(/^\d+$/.test(flags.jobs!.trim()) && jobs >= 1)) {
    process.stderr.write(`settle: --jobs takes a whole number of at least 1 (got '${flags.jobs}') (see --help)\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(process.cwd()).config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`settle: ${error.message}\n`);
    return 2;
  }
  const out = pc.createColors(flags.color && !!process.stdout.isTTY && !process.env.NO_COLOR);
  const err = pc.createColors(flags.color && !!process.stderr.isTTY && !process.env.NO_COLOR);
  // Until writing begins, a signal may end the process at once (nothing is written yet, and the
  // analysis does not yield to the event loop, so a handler would only run when it is over). While
  // writing, the first signal stops before the next file; a second one quits at once: every write is
  // a rename, so the file being written is either untouched or complete.
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write("settle: quit; files already written are complete, the others untouched\n");
      process.exit(130);
    }
    process.stderr.write("\nsettle: stopping after the current file (press Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  const onWritePhase = () => process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  try {
    const result = await run({
      paths: program.processedArgs[0] as string[],
      // Flags win over the config; ignore globs add up.
      transforms: flags.transform?.split(",").map((s) => s.trim()).filter(Boolean) ?? config.transforms,
      mode,
      strategy: flags.strategy ?? config.strategy,
      checker: flags.checker,
      tsconfig: flags.tsconfig,
      shard,
      ...(jobs !== undefined ? { jobs } : {}),
      ignore: [...(config.ignore ?? []), ...(flags.ignore ?? [])],
      force: flags.force,
      signal: controller.signal,
      onProgress: format === "text" ? progressReporter() : undefined,
      onWritePhase,
    });
    if (format === "json") process.stdout.write(`${formatJson(result)}\n`);
    else if (format === "sarif") process.stdout.write(`${formatSarif(result, pkg.version)}\n`);
    else if (format === "github") {
      const annotations = formatGithub(result);
      if (annotations) process.stdout.write(`${annotations}\n`);
    } else {
      if (mode !== "write") {
        for (const file of result.files) if (file.diff) process.stdout.write(`${colorizeDiff(file.diff, out)}\n`);
      }
      for (const note of result.notes) process.stderr.write(`settle: ${note}\n`);
      process.stderr.write(`${formatSummary(result, err, { verbose: flags.verbose })}\n`);
    }
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`settle: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(unexpectedError(error, !!flags.verbose));
    return 1;
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}

/** A progress line on stderr (phase, files done/total), only for long runs on a terminal. */
function progressReporter(): RunOptions["onProgress"] {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total, phase = "analysing") => {
    if (total < 200) return;
    const now = Date.now();
    if (done === total) process.stderr.write("\r\x1b[K");
    else if (now - last > 100) {
      last = now;
      process.stderr.write(`\r\x1b[Ksettle: ${phase} ${done}/${total} files`);
    }
  };
}

/** One line naming an unexpected error, and its stack only with --verbose. */
function unexpectedError(error: unknown, verbose: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = `settle: unexpected error: ${oneLine(message) || (error as Error)?.name || "unknown"}`;
  const stack = error instanceof Error ? error.stack : undefined;
  return verbose ? `${line}\n${stack ?? ""}\n` : `${line} (run with --verbose for details)\n`;
}

function indent(text: string): string {
  return text.split("\n").map((l) => `  ${l}`).join("\n");
}

// An error that escapes main() (a stray rejection in a dependency) still prints one line, not a stack.
const verbose = process.argv.includes("--verbose");
const fatal = (error: unknown) => {
  process.stderr.write(unexpectedError(error, verbose));
  process.exit(1);
};
process.on("uncaughtException", fatal).on("unhandledRejection", fatal);
// A reader that stops early (`settle --dry-run | head`) closes the pipe. The output left has no reader; that
// is not the run's failure: drop it quietly and keep the run's exit code (writes to files go on as before).
const closedPipe = (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") fatal(error);
};
process.stdout.on("error", closedPipe);
process.stderr.on("error", closedPipe);
process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(unexpectedError(error, verbose));
  return 1;
});
