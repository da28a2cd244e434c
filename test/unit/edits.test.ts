import { describe, expect, it } from "vitest";
import { EditBatch, EditConflictError, lineEndingAt } from "../../src/edits.js";

function batch(...edits: [number, number, string][]): EditBatch {
  const b = new EditBatch();
  for (const [start, end, text] of edits) b.add(start, end, text);
  return b;
}

describe("EditBatch.apply", () => {
  it("applies non-overlapping edits in one pass using offsets of the original text", () => {
    const original = "const a = foo(1);\nconst b = bar(2);\n";
    // Added out of order, with a replacement that changes the length before the second edit.
    const b = batch([28, 31, "quux"], [10, 13, "longerName"]);
    expect(b.size).toBe(2);
    expect(b.apply(original)).toBe("const a = longerName(1);\nconst b = quux(2);\n");
  });

  it("returns the original text when there are no edits", () => {
    expect(new EditBatch().apply("x\r\ny")).toBe("x\r\ny");
  });

  it("applies adjacent replacements that share a boundary", () => {
    expect(batch([0, 2, "AB"], [2, 4, "CD"]).apply("abcdef")).toBe("ABCDef");
  });

  it("keeps insertion order for inserts at the same offset", () => {
    expect(batch([3, 3, "1"], [3, 3, "2"], [3, 3, "3"]).apply("abcdef")).toBe("abc123def");
  });

  it("puts an insert before a replacement that starts at the same offset, whatever the order added", () => {
    expect(batch([2, 4, "XY"], [2, 2, "<"]).apply("abcdef")).toBe("ab<XYef");
    expect(batch([2, 2, "<"], [2, 4, "XY"]).apply("abcdef")).toBe("ab<XYef");
  });

  it("allows an insert at the end offset of a replacement", () => {
    expect(batch([0, 3, "X"], [3, 3, ">"]).apply("abcdef")).toBe("X>def");
  });

  it("deletes with an empty replacement", () => {
    expect(batch([1, 3, ""]).apply("abcd")).toBe("ad");
  });

  it("throws EditConflictError for overlapping replacements", () => {
    const b = batch([0, 4, "X"], [2, 6, "Y"]);
    expect(() => b.apply("abcdefgh")).toThrow(EditConflictError);
    expect(() => b.apply("abcdefgh")).toThrow("overlapping edits at offset 2");
  });

  it("throws EditConflictError for two replacements of the same range", () => {
    expect(() => batch([1, 3, "X"], [1, 3, "Y"]).apply("abcdef")).toThrow(EditConflictError);
  });

  it("throws EditConflictError for an insert strictly inside a replaced range", () => {
    expect(() => batch([0, 4, "X"], [2, 2, "!"]).apply("abcdef")).toThrow(EditConflictError);
  });

  it("rejects invalid ranges when they are added", () => {
    const b = new EditBatch();
    expect(() => b.add(5, 3, "x")).toThrow(EditConflictError);
    expect(() => b.add(-1, 0, "x")).toThrow(EditConflictError);
    expect(b.size).toBe(0);
  });
});

describe("EditBatch line endings", () => {
  it("turns inserted \\n into \\r\\n in a CRLF file", () => {
    const original = "a();\r\nb();\r\n";
    expect(batch([6, 6, "await x();\n"]).apply(original)).toBe("a();\r\nawait x();\r\nb();\r\n");
  });

  it("keeps inserted \\n in an LF file", () => {
    const original = "a();\nb();\n";
    expect(batch([5, 5, "await x();\n  y();\n"]).apply(original)).toBe("a();\nawait x();\n  y();\nb();\n");
  });

  it("turns inserted \\r\\n into \\n in an LF file", () => {
    expect(batch([0, 0, "x\r\n"]).apply("a\nb\n")).toBe("x\na\nb\n");
  });

  it("does not double an inserted \\r\\n in a CRLF file", () => {
    expect(batch([0, 0, "x\r\ny\n"]).apply("a\r\nb\r\n")).toBe("x\r\ny\r\na\r\nb\r\n");
  });

  it("uses the CRLF of the last line when the edit is on a final line without a newline", () => {
    const original = "a\r\nb";
    expect(batch([4, 4, "\nc"]).apply(original)).toBe("a\r\nb\r\nc");
  });

  it("in a mixed file, follows the ending of each insertion's own line", () => {
    const original = "crlf1\r\nlf2\ncrlf3\r\n";
    const b = batch([0, 0, "A\n"], [7, 7, "B\n"], [11, 11, "C\n"]);
    expect(b.apply(original)).toBe("A\r\ncrlf1\r\nB\nlf2\nC\r\ncrlf3\r\n");
  });

  it("adapts line breaks inside replacement text too", () => {
    expect(batch([0, 3, "x;\ny;"]).apply("old\r\n")).toBe("x;\r\ny;\r\n");
  });
});

describe("lineEndingAt", () => {
  it("answers per line", () => {
    const text = "a\r\nb\nc";
    expect(lineEndingAt(text, 0)).toBe("\r\n");
    expect(lineEndingAt(text, 3)).toBe("\n");
    expect(lineEndingAt("no newline", 3)).toBe("\n");
  });
});

describe("EditBatch.mapBack", () => {
  it("maps offsets of the result back to the text before the edits", () => {
    const original = "a\r\nb c\r\nd";
    const batch = new EditBatch();
    batch.add(3, 3, "x\n"); // before "b": inserted as "x\r\n"
    batch.add(5, 6, "long"); // "c" -> "long"
    const result = batch.apply(original);
    expect(result).toBe("a\r\nx\r\nb long\r\nd");
    expect(batch.mapBack(0)).toBe(0); // "a"
    expect(batch.mapBack(4)).toBe(3); // inside the inserted "x\r\n": the edit's start
    expect(batch.mapBack(6)).toBe(3); // "b" moved by 3
    expect(batch.mapBack(8)).toBe(5); // inside "long": the replaced range's start
    expect(batch.mapBack(result.indexOf("d"))).toBe(original.indexOf("d"));
  });
});
