import { Node, SyntaxKind } from "ts-morph";

/** A text edit relative to the file. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The lines of `[start, end)` of the file (comments included, `edits` applied) without a blank
 * first and last line, moved from the first non-blank line's indentation to `to`. Lines inside a multi-line
 * template literal would change the string if moved: then no line is moved.
 */
export function movedLines(container: Node, start: number, end: number, edits: TextEdit[], to: string): string[] {
  let text = container.getSourceFile().getFullText().slice(start, end);
  for (const edit of edits.filter((e) => e.start >= start && e.end <= end).sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start - start) + edit.text + text.slice(edit.end - start);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[0].trim() === "") lines.shift();
  if (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) return [];
  const multiLineTemplate = container
    .getDescendants()
    .some(
      (d) =>
        (Node.isNoSubstitutionTemplateLiteral(d) || d.getKind() === SyntaxKind.TemplateExpression) &&
        d.getStart() >= start &&
        d.getEnd() <= end &&
        d.getText().includes("\n"),
    );
  if (multiLineTemplate) return lines;
  // A blank line kept at the top (after an `if (err) { … }` that went) does not set the indentation.
  const from = /^[ \t]*/.exec(lines.find((l) => l.trim() !== "") ?? "")![0];
  return lines.map((line) => (line.trim() === "" ? "" : line.startsWith(from) ? to + line.slice(from.length) : line));
}

/**
 * `text` (which starts where the replaced statement started) after the comment `lines` that stood
 * before the code that went (the `if (err)` of a callback), so the comments stay.
 */
export function afterComments(lines: string[], text: string, indent: string, eol: string): string {
  const comments = lines.filter((l) => l !== "");
  return comments.length === 0 ? text : [comments[0].trimStart(), ...comments.slice(1), indent + text].join(eol);
}
