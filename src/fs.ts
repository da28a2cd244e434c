import { readFile } from "node:fs/promises";
import writeFileAtomic from "write-file-atomic";

/** The file changed on disk after settle read it: writing would lose someone else's edit. */
export class ConcurrentChangeError extends Error {}

/**
 * Write `bytes` to `file` atomically (temp file in the same folder, then rename; write-file-atomic
 * keeps the file's mode and owner), but only if the file still holds exactly `expected`.
 */
export async function writeIfUnchanged(file: string, bytes: Buffer, expected: Buffer): Promise<void> {
  const current = await readFile(file);
  if (!current.equals(expected)) {
    throw new ConcurrentChangeError("changed on disk while settle was running; not overwritten");
  }
  await writeFileAtomic(file, bytes);
}
