import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/fixtures.js";

/** README.md and every page under docs/: each relative link names a file that exists, and each #anchor a heading there. */
const pages = ["README.md", ...walk(path.join(REPO, "docs")).map((f) => path.relative(REPO, f))];

describe("documentation links", () => {
  it.each(pages)("%s links only to files and headings that exist", (page) => {
    const text = readFileSync(path.join(REPO, page), "utf8");
    const broken: string[] = [];
    for (const [, target] of stripCode(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split("#") as [string, string | undefined];
      const resolved = file === "" ? path.join(REPO, page) : path.resolve(path.dirname(path.join(REPO, page)), file);
      if (!existsSync(resolved)) { broken.push(`${target}: no such file`); continue; }
      if (anchor !== undefined && resolved.endsWith(".md") && !anchors(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it("knows GitHub's heading anchors", () => {
    expect([...anchors("### Type information (`--checker`)\n## What counts as \"inside an invocation\"\n# `callback-handlers`\n")])
      .toEqual(["type-information---checker", "what-counts-as-inside-an-invocation", "callback-handlers"]);
  });
});

/** GitHub's anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`; repeats get `-1`, `-2`. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, title] of stripCode(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = title!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function stripCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "");
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith(".md") ? [path.join(dir, d.name)] : []);
}
