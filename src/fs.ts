import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { access, lstat, open, readFile } from "node:fs/promises";
import writeFileAtomic from "write-file-atomic";

/** The file changed on disk after settle read it: writing would lose someone else's edit. */
export class ConcurrentChangeError extends Error {}

/**
 * Files larger than this are not analysed: the type-aware analysis of one huge (typically generated)
 * file would hold up the whole run. They are reported as skipped with the reason.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** A source file's bytes, or why they were not read. */
export type ReadSource =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: "skipped" | "failed"; reason: string; /** Over the size limit: not analysed. */ tooLarge?: boolean };

// Never follow a link that appeared since discovery; never block on a named pipe.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Read a source file found by discovery: only a regular file, only up to `maxBytes`. Synchronous:
 * a run reads thousands of small files one after the other, and each asynchronous open, stat, read
 * and close waited on the thread pool (about half a second per thousand files, with the CPU idle).
 */
export function readSourceFile(file: string, maxBytes = MAX_SOURCE_BYTES): ReadSource {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") return { ok: false, status: "skipped", reason: "symbolic link (not followed)" };
    return { ok: false, status: "failed", reason: `cannot read: ${describeError(error)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, status: "skipped", reason: "not a regular file" };
    const tooLarge = { ok: false, status: "skipped", tooLarge: true } as const;
    if (stat.size > maxBytes) return { ...tooLarge, reason: `larger than ${formatMegabytes(maxBytes)} (${formatMegabytes(stat.size)}): not analysed` };
    const bytes = readFileSync(fd);
    if (bytes.length > maxBytes) return { ...tooLarge, reason: `larger than ${formatMegabytes(maxBytes)} (${formatMegabytes(bytes.length)}): not analysed` };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, status: "failed", reason: `cannot read: ${describeError(error)}` };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Already read; nothing to undo.
    }
  }
}

/**
 * Write `bytes` to `file` atomically (temp file in the same folder, then rename; write-file-atomic
 * keeps the file's mode and owner), but only if the file is still the regular, writable file that
 * holds exactly `expected`.
 */
export async function writeIfUnchanged(file: string, bytes: Buffer, expected: Buffer): Promise<void> {
  const stat = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new ConcurrentChangeError("deleted while settle was running; not recreated");
    throw error;
  });
  // write-file-atomic writes to a link's target: a file replaced by a link must not be written through.
  if (stat.isSymbolicLink()) throw new ConcurrentChangeError("replaced by a symbolic link while settle was running; not written");
  if (!stat.isFile()) throw new ConcurrentChangeError("no longer a regular file; not overwritten");
  // The rename would replace a read-only file that a plain write could not change: respect the mode.
  await access(file, constants.W_OK);
  const current = await readFile(file);
  if (!current.equals(expected)) {
    throw new ConcurrentChangeError("changed on disk while settle was running; not overwritten");
  }
  await writeFileAtomic(file, bytes);
}

/** An I/O error as one short line: `EACCES: permission denied` (no path, no stack). */
export function describeError(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  const text = typeof message === "string" ? message : String(error);
  // Node's messages read "EACCES: permission denied, open '/abs/path'": the path is already known.
  const short = code && text.startsWith(`${code}:`) ? text.split(", ")[0] : text;
  return oneLine(short);
}

/** Any message as one line: settle prints one line per problem. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
