/**
 * NestJS entry kinds on AWS Lambda (src/handlers/nest.ts) under the freeze-at-settle harness: a
 * `@MessagePattern` handler and a `@Cron` job whose work floats. The stand-in transport awaits what
 * the pattern handler returns, as Nest's does; the stand-in scheduler awaits the job's promise (what
 * a waiting caller sees; a real timer on a frozen Lambda may not fire inside any invocation, which is
 * why the README says to use an EventBridge-scheduled handler). Before: the work lands after the
 * invocation (or the job's promise) settled. After: the pattern handler is async and awaits it, so it
 * lands inside the invocation with the same answer; the job's promise settles after its work.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `export declare function track(name: string): Promise<void>;\n`;
const NEST_DTS = `
declare module "@nestjs/common" { export function Controller(prefix?: string): any; export function Injectable(): any; }
declare module "@nestjs/microservices" { export function MessagePattern(pattern: unknown): any; }
declare module "@nestjs/schedule" { export function Cron(expression: string): any; }
`;
const CONTEXT = {
  "package.json": JSON.stringify({ dependencies: { "@nestjs/common": "^11.0.0", "@nestjs/microservices": "^11.0.0", "@nestjs/schedule": "^6.0.0", "serverless-http": "^3.2.0" } }),
  "src/stubs.ts": STUBS_DTS,
  "src/nest.d.ts": NEST_DTS,
};
/** Decorators that do nothing: the test calls the methods itself, as the transport and the scheduler would. */
const decorator = () => () => undefined;
const NEST = { "@nestjs/common": { Controller: decorator, Injectable: decorator }, "@nestjs/microservices": { MessagePattern: decorator }, "@nestjs/schedule": { Cron: decorator } };

const SOURCE = `
import { Controller, Injectable } from "@nestjs/common";
import { MessagePattern } from "@nestjs/microservices";
import { Cron } from "@nestjs/schedule";
import { track } from "./stubs";

@Controller()
export class OrderEvents {
  @MessagePattern({ cmd: "get_order" })
  getOrder(id: string) {
    track(\`fetched:\${id}\`);
    return { id };
  }
}

@Injectable()
export class Jobs {
  @Cron("0 * * * *")
  purge() {
    track("purged");
  }
}
`;

/** The transport (awaits the pattern handler's answer) and the scheduler (awaits the job's promise, then records). */
const SERVE = `
declare const module: { exports: any };
declare function require(name: string): any;
export const handler = async (event: { id: string; job?: boolean }) => {
  if (!event.job) return await new module.exports.OrderEvents().getOrder(event.id);
  await new module.exports.Jobs().purge();
  require("./stubs").log.record("job-settled");
  return null;
};
`;

async function run(code: string, event: unknown): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const stubs = Object.assign(makeStubs(log), { log });
  return invoke({ code: code + SERVE, fileName: "src/orders.ts", event, runtime: "node24", modules: { "./stubs": stubs, ...NEST } });
}

describe("NestJS on Lambda at runtime: message patterns and scheduled jobs", () => {
  it("@MessagePattern: before, the work lands after settle; after (async + await), inside, same answer", async () => {
    const before = await run(SOURCE, { id: "o-1" });
    expect(before).toEqual({ status: "ok", result: { id: "o-1" }, effectsAtSettle: [], lateEffects: ["track:fetched:o-1"], unhandledRejections: [] });
    const rewritten = settleTwice("src/orders.ts", SOURCE, { context: CONTEXT });
    expect(rewritten).toContain("  async getOrder(id: string) {\n    await track(`fetched:${id}`);\n");
    expect(rewritten).toContain("  async purge() {\n    await track(\"purged\");\n");
    const after = await run(rewritten, { id: "o-1" });
    expect(after).toEqual({ status: "ok", result: { id: "o-1" }, effectsAtSettle: ["track:fetched:o-1"], lateEffects: [], unhandledRejections: [] });
  });

  it("@Cron: before, the job's promise settles before its work; after, the work is done first", async () => {
    const before = await run(SOURCE, { id: "-", job: true });
    expect(before.effectsAtSettle).toEqual(["job-settled"]);
    expect(before.lateEffects).toEqual(["track:purged"]);
    const after = await run(settleTwice("src/orders.ts", SOURCE, { context: CONTEXT }), { id: "-", job: true });
    expect(after.effectsAtSettle).toEqual(["track:purged", "job-settled"]);
    expect(after.lateEffects).toEqual([]);
  });
});
