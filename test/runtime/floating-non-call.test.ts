/**
 * Behavioural test for the non-call floating shapes (issue 12): promises held in variables and
 * arrays, `await` of an array, comma operands, conditional and logical operands, tagged templates,
 * type assertions, `Promise | Promise[]` unions and `void` in a branch. Before the rewrite their work lands after the
 * invocation settled; after it, inside, with the same result.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare function sleep(ms: number): Promise<void>;
`;
const context = { "stubs.ts": STUBS_DTS };

function run(code: string, event: unknown): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "handler.ts", event, runtime: "node24", modules: { "./stubs": makeStubs(log) } });
}

/** The track effects, sorted: the work completes in timer order, and sleep logs its own effects. */
function tracks(effects: readonly string[]): string[] {
  return effects.filter((e) => e.startsWith("track:")).sort();
}

describe("floating-promises at runtime (node24): non-call shapes land inside the invocation", () => {
  it("array literal, awaited array, element access and comma operand", async () => {
    const source = `
import { sleep, track } from "./stubs";

export async function handler(event: { id: string }) {
  const late = sleep(5).then(() => track("element"));
  const queue = [late];
  [sleep(5).then(() => track("literal"))];
  await [sleep(5).then(() => track("awaited-array"))];
  queue[0];
  console.log(event.id), sleep(5).then(() => track("comma"));
  return { statusCode: 200, body: event.id };
}
`;
    const event = { id: "x" };
    const before = await run(source, event);
    expect(before.status).toBe("ok");
    expect(tracks(before.effectsAtSettle)).toEqual([]);
    expect(tracks(before.lateEffects)).toEqual(["track:awaited-array", "track:comma", "track:element", "track:literal"]);

    const after = await run(settleTwice("handler.ts", source, { context }), event);
    expect(after.result).toEqual(before.result);
    expect(tracks(after.effectsAtSettle)).toEqual(["track:awaited-array", "track:comma", "track:element", "track:literal"]);
    expect(after.lateEffects).toEqual([]);
    expect(after.unhandledRejections).toEqual([]);
  });

  it("conditional and logical operands, tagged templates, type assertions, promise-or-array unions, void in a branch", async () => {
    const source = `
import { sleep, track } from "./stubs";

function audit(strings: TemplateStringsArray, ...values: unknown[]): Promise<void> {
  return sleep(5).then(() => track("tagged:" + strings.join("") + values.join("")));
}

function jobs(many: boolean): Promise<void> | Promise<void>[] {
  return many ? [sleep(5).then(() => track("union-a")), sleep(6).then(() => track("union-b"))] : sleep(5).then(() => track("union-one"));
}

export async function handler(event: { id: string; flag: boolean }) {
  const held: unknown = sleep(5).then(() => track("assertion"));
  event.flag ? sleep(5).then(() => track("conditional")) : null;
  event.flag && sleep(5).then(() => track("logical"));
  event.flag || sleep(5).then(() => track("never"));
  audit\`\${event.id}\`;
  held as Promise<void>;
  jobs(true);
  jobs(false);
  event.flag && void sleep(5).then(() => track("void-branch"));
  return { statusCode: 200, body: event.id };
}
`;
    const event = { id: "x", flag: true };
    const expected = ["track:assertion", "track:conditional", "track:logical", "track:tagged:x", "track:union-a", "track:union-b", "track:union-one", "track:void-branch"];
    const before = await run(source, event);
    expect(before.status).toBe("ok");
    expect(tracks(before.effectsAtSettle)).toEqual([]);
    expect(tracks(before.lateEffects)).toEqual(expected);

    const after = await run(settleTwice("handler.ts", source, { context }), event);
    expect(after.result).toEqual(before.result);
    expect(tracks(after.effectsAtSettle)).toEqual(expected);
    expect(after.lateEffects).toEqual([]);
    expect(after.unhandledRejections).toEqual([]);
  });
});
