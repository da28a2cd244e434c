import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

/**
 * Temp directories for one test file, removed after each test. Paths are realpath'd so they
 * compare equal to what globby / git report on systems where os.tmpdir() is a symlink.
 */
export function useTempDirs(): (files?: Record<string, string | Buffer>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files = {}) => {
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "settle-unit-")));
    made.push(dir);
    writeFiles(dir, files);
    return dir;
  };
}

/** Write files relative to `dir`, creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}
