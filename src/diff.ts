import { createTwoFilesPatch } from "diff";

/** A git-style unified diff of one file (paths relative, `a/` and `b/` prefixes). */
export function unifiedDiff(relativePath: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a "====" separator line that git and patch(1) do not need.
  return patch.replace(/^={3,}\r?\n/, "");
}
