import { describe, expect, it } from "vitest";
import { decodeSource, encodeSource } from "../../src/source-text.js";

const BOM_BYTES = [0xef, 0xbb, 0xbf];

describe("decodeSource", () => {
  it("decodes plain UTF-8 without a BOM", () => {
    expect(decodeSource(Buffer.from("const é = 1;\n", "utf8"))).toEqual({ ok: true, text: "const é = 1;\n", bom: false });
  });

  it("detects and strips a UTF-8 BOM", () => {
    const bytes = Buffer.from([...BOM_BYTES, ...Buffer.from("x = 1;\r\n")]);
    expect(decodeSource(bytes)).toEqual({ ok: true, text: "x = 1;\r\n", bom: true });
  });

  it("strips only one BOM (a second U+FEFF is content)", () => {
    const bytes = Buffer.from([...BOM_BYTES, ...BOM_BYTES, 0x61]);
    expect(decodeSource(bytes)).toEqual({ ok: true, text: "\uFEFFa", bom: true });
  });

  it("accepts an empty file", () => {
    expect(decodeSource(new Uint8Array(0))).toEqual({ ok: true, text: "", bom: false });
  });

  it("accepts a file that is only a BOM", () => {
    expect(decodeSource(Buffer.from(BOM_BYTES))).toEqual({ ok: true, text: "", bom: true });
  });

  it("refuses NUL bytes as binary", () => {
    expect(decodeSource(Buffer.from([0x61, 0x00, 0x62]))).toEqual({ ok: false, reason: "binary file (contains NUL bytes)" });
  });

  it("refuses a UTF-16LE file (BOM FF FE, NUL high bytes) as binary", () => {
    expect(decodeSource(Buffer.from("\uFEFFab", "utf16le"))).toEqual({
      ok: false,
      reason: "binary file (contains NUL bytes)",
    });
  });

  it("refuses invalid UTF-8 (FF FE 41: a UTF-16 BOM, not UTF-8) with a reason", () => {
    expect(decodeSource(Buffer.from([0xff, 0xfe, 0x41]))).toEqual({ ok: false, reason: "not valid UTF-8 text" });
  });

  it("refuses a truncated multi-byte sequence and a lone Latin-1 byte", () => {
    expect(decodeSource(Buffer.from([0x61, 0xe2, 0x82]))).toEqual({ ok: false, reason: "not valid UTF-8 text" });
    expect(decodeSource(Buffer.from("caf\xe9", "latin1"))).toEqual({ ok: false, reason: "not valid UTF-8 text" });
  });
});

describe("encodeSource", () => {
  it("restores the BOM", () => {
    expect([...encodeSource("a", true)]).toEqual([...BOM_BYTES, 0x61]);
    expect([...encodeSource("a", false)]).toEqual([0x61]);
  });

  it.each([
    ["BOM + CRLF + non-ASCII", Buffer.from([...BOM_BYTES, ...Buffer.from("// ünïcødé 🚀\r\nexport {};\r\n")])],
    ["no BOM, LF, no final newline", Buffer.from("let x = '€';\nx")],
    ["empty", Buffer.alloc(0)],
    ["BOM only", Buffer.from(BOM_BYTES)],
  ])("round-trips %s byte for byte", (_name, bytes) => {
    const decoded = decodeSource(bytes);
    if (!decoded.ok) throw new Error(`unexpected refusal: ${decoded.reason}`);
    expect(encodeSource(decoded.text, decoded.bom).equals(bytes)).toBe(true);
  });
});
