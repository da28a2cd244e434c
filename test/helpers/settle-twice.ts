import { expect } from "vitest";
import type { Strategy } from "../../src/define-transform.js";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";

/**
 * A full default run (every transform) in memory: it must change the file cleanly with nothing
 * reported, and a second run over its output must change nothing. Returns the first run's text.
 */
export function settleTwice(fileName: string, source: string, opts: { context: Record<string, string>; strategy?: Strategy }): string {
  const first = transformSource(fileName, source, transforms, opts);
  expect(first.failure).toBeUndefined();
  expect(first.findings).toEqual([]);
  expect(first.changed).toBe(true);
  const second = transformSource(fileName, first.text, transforms, opts);
  expect(second.failure).toBeUndefined();
  expect(second.findings).toEqual([]);
  expect(second.changed).toBe(false);
  expect(second.text).toBe(first.text);
  return first.text;
}
