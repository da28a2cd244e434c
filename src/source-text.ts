const BOM = "\uFEFF";

/** A source file's bytes decoded for editing, or the reason they cannot be. */
export type DecodedSource = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

/** Decode a source file's bytes: refuse binary and non-UTF-8 content, remember the BOM. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  if (bytes.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes)" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "not valid UTF-8 text" };
  }
  const bom = text.startsWith(BOM);
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

/** Encode text back to the bytes it came from (BOM restored). */
export function encodeSource(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? BOM + text : text, "utf8");
}
