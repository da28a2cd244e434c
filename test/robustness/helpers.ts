import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { CliResult } from "../helpers/temp-repo.js";

/** What one path of a tree is: a file's bytes and mode, a link's target, a folder's mode. */
export type Entry =
  | { kind: "file"; bytes: Buffer; mode: number; mtimeMs: number }
  | { kind: "symlink"; target: string }
  | { kind: "dir"; mode: number; mtimeMs: number }
  | { kind: "other"; mode: number };

/**
 * Every path under `dir` (links not followed, pipes not opened), .git and node_modules included.
 * Folder mtimes are recorded too: a temp file created and removed again changes its folder's.
 */
export function snapshotTree(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const stat = lstatSync(abs);
    if (stat.isSymbolicLink()) out.set(rel, { kind: "symlink", target: readlinkSync(abs) });
    else if (stat.isFile()) out.set(rel, { kind: "file", bytes: readFileSync(abs), mode: stat.mode, mtimeMs: stat.mtimeMs });
    else if (stat.isDirectory()) {
      if (rel) out.set(rel, { kind: "dir", mode: stat.mode, mtimeMs: stat.mtimeMs });
      for (const name of readdirSync(abs).sort()) walk(rel ? `${rel}/${name}` : name);
    } else out.set(rel, { kind: "other", mode: stat.mode });
  };
  walk("");
  return out;
}

/** The paths whose entry differs between two snapshots (added, removed or changed), sorted. */
export function changedPaths(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const changed = new Set<string>();
  for (const [rel, entry] of before) if (!sameEntry(entry, after.get(rel))) changed.add(rel);
  for (const rel of after.keys()) if (!before.has(rel)) changed.add(rel);
  return [...changed].sort();
}

function sameEntry(a: Entry, b: Entry | undefined): boolean {
  if (!b || a.kind !== b.kind) return false;
  if (a.kind === "file" && b.kind === "file") return a.bytes.equals(b.bytes) && a.mode === b.mode && a.mtimeMs === b.mtimeMs;
  if (a.kind === "symlink" && b.kind === "symlink") return a.target === b.target;
  if (a.kind === "dir" && b.kind === "dir") return a.mode === b.mode && a.mtimeMs === b.mtimeMs;
  return a.kind === "other" && b.kind === "other" && a.mode === b.mode;
}

/** The bytes of every regular file in a snapshot, by path (for "what is on disk now" assertions). */
export function fileBytes(snapshot: Map<string, Entry>): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [rel, entry] of snapshot) if (entry.kind === "file") out.set(rel, entry.bytes);
  return out;
}

export { parseResult, statuses } from "../helpers/cli-result.js";

/** No stack trace, no multi-line error: what settle prints without --verbose. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+[:(]/m);
  expect(text).not.toMatch(/Error: .*\n\s+at /);
}

/**
 * The user to run the CLI as for permission tests. File modes do not bind root (CAP_DAC_OVERRIDE),
 * so as root the CLI runs as `nobody`; otherwise as the current user. Undefined when root cannot
 * start a process as another user here (the reason says why).
 */
export function unprivilegedUser(): { uid?: number; gid?: number } | { unavailable: string } {
  if (typeof process.getuid !== "function") return { unavailable: "no POSIX users on this platform" };
  if (process.getuid() !== 0) return {};
  const nobody = { uid: 65534, gid: 65534 };
  // nobody must also be able to load the CLI from this checkout (a clone under a private folder cannot).
  const cli = fileURLToPath(new URL("../../dist/src/cli.js", import.meta.url));
  const probe = spawnSync(
    process.execPath,
    ["-e", "require('fs').accessSync(process.argv[1], require('fs').constants.R_OK); process.stdout.write(String(process.getuid()))", cli],
    { ...nobody, encoding: "utf8" },
  );
  if (probe.error || probe.stdout !== "65534") {
    return { unavailable: `running as root and nobody cannot run this checkout's CLI (${probe.error?.message ?? probe.stderr.split("\n")[0]})` };
  }
  return nobody;
}
