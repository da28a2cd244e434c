/**
 * Behavioural test for an error-first callback whose types say `err` is never null (the AWS SDK v2
 * types its callbacks `(err: AWSError, data) => void`): at run time `err` is null on success. The
 * converted handler must test it, as the old runtime's callback did: before the fix settle wrote an
 * unconditional `reject(err)`, so every successful read failed the invocation.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, delayedEffect, invoke, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STORAGE_DTS = `export interface StorageError extends Error { code: string }
export declare function getObject(key: string, callback: (err: StorageError, data: { Body: string }) => void): void;
`;

const SOURCE = `import { getObject } from "./storage";

export const handler = (event: { key: string }, context: unknown, callback: (err: unknown, result?: string) => void) => {
  getObject(event.key, (err, data) => {
    callback(err, data && data.Body);
  });
};
`;

async function run(code: string, key: string, runtime: "legacy" | "node24"): Promise<Pick<InvocationOutcome, "status" | "result" | "error">> {
  const log = createEffectLog();
  const storage = {
    getObject: (k: string, callback: (err: unknown, data?: { Body: string }) => void) =>
      // Called back from inside the tracked work, so the old runtime's event loop is not empty before it.
      void delayedEffect(log, 2, `read:${k}`, () =>
        k === "missing" ? callback(Object.assign(new Error("The specified key does not exist."), { name: "NoSuchKey", code: "NoSuchKey" })) : callback(null, { Body: `body of ${k}` }),
      ),
  };
  const { status, result, error } = await invoke({ code, fileName: "handler.ts", event: { key }, runtime, modules: { "./storage": storage, "./effects": log } });
  return { status, result, error };
}

describe("an error-first callback typed non-nullable (AWS SDK v2 style) at runtime", () => {
  const rewritten = settleTwice("handler.ts", SOURCE, { context: { "storage.d.ts": STORAGE_DTS } });

  it("the conversion tests err before rejecting", () => {
    expect(rewritten).toContain("      if (err != null) reject(err); else resolve(data && data.Body);\n");
  });

  it.each(["photo.jpg", "missing"])("key %s: the converted handler answers on Node.js 24 as the original did on the old runtime", async (key) => {
    const before = await run(SOURCE, key, "legacy");
    const after = await run(rewritten, key, "node24");
    expect(after).toEqual(before);
    expect(before.status).toBe(key === "missing" ? "error" : "ok");
    if (key !== "missing") expect(before.result).toBe("body of photo.jpg");
    // The original is refused outright on Node.js 24 (three parameters).
    expect((await run(SOURCE, key, "node24")).status).toBe("refused");
  });
});
