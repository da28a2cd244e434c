import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { guardChecker } from "../../src/checker-guard.js";
import type { TransformContext } from "../../src/define-transform.js";
import { CHECKER_FAILED } from "../../src/promises.js";

/** A context that records what reaches it. */
function recordingContext(): { ctx: TransformContext; log: string[] } {
  const log: string[] = [];
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("a.ts", "f();\ng();\n");
  const ctx = {
    file,
    replace: (_target: unknown, text: string) => log.push(`replace ${text}`),
    insertBefore: (_target: unknown, text: string) => log.push(`before ${text}`),
    insertAfter: (_target: unknown, text: string) => log.push(`after ${text}`),
    addImport: (module: string, name: string) => (log.push(`import ${name} from ${module}`), name),
    report: (node: { getText(): string }, reason: string) => log.push(`report ${node.getText()}: ${reason}`),
    isIgnored: () => false,
  } as unknown as TransformContext;
  return { ctx, log };
}

describe("guardChecker", () => {
  it("applies a node's edits and findings once its analysis finishes", () => {
    const { ctx, log } = recordingContext();
    const [first] = ctx.file.getStatements();
    const result = guardChecker(ctx, first!, "fallback", (guarded) => {
      guarded.insertBefore(first!, "await ");
      guarded.report(first!, "note");
      expect(log).toEqual([]);
      return "done";
    });
    expect(result).toBe("done");
    expect(log).toEqual(["before await ", "report f();: note"]);
  });

  it("drops the edits made before a checker failure and reports the node instead", () => {
    const { ctx, log } = recordingContext();
    const [first] = ctx.file.getStatements();
    const result = guardChecker(ctx, first!, "fallback", (guarded) => {
      guarded.replace(first!, "half-done");
      throw new RangeError("Maximum call stack size exceeded");
    });
    expect(result).toBe("fallback");
    expect(log).toEqual([`report f();: ${CHECKER_FAILED}`]);
  });

  it("lets other errors through: they are bugs, not the checker's", () => {
    const { ctx } = recordingContext();
    const [first] = ctx.file.getStatements();
    expect(() => guardChecker(ctx, first!, undefined, () => { throw new TypeError("oops"); })).toThrow(TypeError);
  });
});
