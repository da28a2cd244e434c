/** One text edit against the original text of a file: replace [start, end) by text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Two edits that touch the same text: a transform bug, so the file is refused rather than guessed. */
export class EditConflictError extends Error {}

/**
 * Collects the edits of one transform on one file and applies them in a single pass, so the
 * file is re-parsed once rather than after every manipulation.
 */
export class EditBatch {
  private readonly edits: (TextEdit & { seq: number })[] = [];

  add(start: number, end: number, text: string): void {
    if (start > end || start < 0) throw new EditConflictError(`invalid edit range ${start}-${end}`);
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  /** Where each applied edit went: its original range and the length of the text that replaced it. */
  private applied: { start: number; end: number; length: number }[] = [];

  get size(): number {
    return this.edits.length;
  }

  /** The offset in the text before `apply` of an offset in its result (inserted text maps to the edit's start). */
  mapBack(offset: number): number {
    let delta = 0;
    for (const edit of this.applied) {
      const start = edit.start + delta;
      if (offset < start) break;
      if (offset < start + edit.length) return edit.start;
      delta += edit.length - (edit.end - edit.start);
    }
    return offset - delta;
  }

  /** Apply every edit to `original`; inserted line breaks follow the line ending at the edit. */
  apply(original: string): string {
    const sorted = [...this.edits].sort(
      (a, b) => a.start - b.start || Number(a.start !== a.end) - Number(b.start !== b.end) || a.seq - b.seq,
    );
    let out = "";
    let cursor = 0;
    this.applied = [];
    for (const edit of sorted) {
      if (edit.start < cursor) {
        throw new EditConflictError(`overlapping edits at offset ${edit.start}`);
      }
      const text = adaptLineEndings(edit.text, original, edit.start);
      out += original.slice(cursor, edit.start) + text;
      this.applied.push({ start: edit.start, end: edit.end, length: text.length });
      cursor = edit.end;
    }
    return out + original.slice(cursor);
  }
}

/** The line ending used by the line that holds `offset` (mixed files keep each line's own). */
export function lineEndingAt(text: string, offset: number): "\n" | "\r\n" {
  let nl = text.indexOf("\n", offset);
  if (nl === -1) nl = text.lastIndexOf("\n", offset);
  if (nl === -1) return "\n";
  return text[nl - 1] === "\r" ? "\r\n" : "\n";
}

function adaptLineEndings(inserted: string, original: string, offset: number): string {
  if (!inserted.includes("\n")) return inserted;
  return inserted.replace(/\r?\n/g, lineEndingAt(original, offset));
}
