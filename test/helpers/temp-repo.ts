import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The real binary, as users run it (it loads the compiled dist/). */
export const BIN = fileURLToPath(new URL("../../bin/settle.js", import.meta.url));

/** File contents by path relative to the temp dir; folders are created as needed. */
export type FileMap = Record<string, string | Uint8Array>;

/**
 * Temp dirs made during one test; `cleanup()` removes them all. One tracker per test keeps
 * cleanup correct when tests run concurrently.
 */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A fresh folder under os.tmpdir() (real path, no symlinks in it) holding `files`. */
  make(files: FileMap = {}): string {
    const dir = mkdtempSync(path.join(realpathSync(os.tmpdir()), "settle-cli-"));
    this.dirs.push(dir);
    writeFiles(dir, files);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Write `files` under `dir`, creating folders. */
export function writeFiles(dir: string, files: FileMap): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** The environment without anything that would point git or colours elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("GIT_") || key === "FORCE_COLOR" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  // A stable git for temp repos: no system config, no signing or hooks from the global one.
  env.GIT_CONFIG_NOSYSTEM = "1";
  env.NO_COLOR = "1";
  return env;
}

/** Run git in `cwd` and return its stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: cleanEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** `git init` with a local identity and no line-ending conversion, then commit everything. */
export function gitInit(dir: string): void {
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "settle tests");
  git(dir, "config", "user.email", "tests@settle.invalid");
  git(dir, "config", "commit.gpgsign", "false");
  git(dir, "config", "core.autocrlf", "false");
  git(dir, "config", "core.hooksPath", "/dev/null");
  commitAll(dir);
}

/** Stage and commit everything in the repo. */
export function commitAll(dir: string, message = "commit"): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--allow-empty", "-m", message);
}

/** Whether `dir` is inside any git work tree. */
export function isInGitRepo(dir: string): boolean {
  try {
    git(dir, "rev-parse", "--show-toplevel");
    return true;
  } catch {
    return false;
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Extra ways to start the CLI (robustness tests): more environment, another user, the child itself. */
export interface CliSpawnOptions {
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Run `node bin/settle.js ...args` in `cwd` with NO_COLOR=1 and no FORCE_COLOR; never rejects on exit codes.
 * The timeout only stops a hung CLI: a run takes seconds alone, but a concurrent suite on a busy
 * machine (2 cores, other runs beside it) has seen 30 s pass, killing working runs (code null).
 */
export function runCli(cwd: string, args: string[], timeoutMs = 120_000, options: CliSpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const { env, uid, gid, onSpawn } = options;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...cleanEnv(), ...env }, uid, gid, stdio: ["ignore", "pipe", "pipe"] });
    onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
