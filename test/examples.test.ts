import { describe, expect, it } from "vitest";
import { run } from "../src/run.js";
import { REPO } from "./helpers/fixtures.js";

/** The lines a diff adds, per file (what settle writes, without the context lines). */
function addedLines(result: Awaited<ReturnType<typeof run>>): Record<string, string[]> {
  return Object.fromEntries(
    result.files
      .filter((f) => f.diff)
      .map((f) => [f.path, f.diff!.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++")).map((l) => l.slice(1).trim())]),
  );
}

describe("examples/: each platform gets its primitive (npx settle examples --dry-run)", () => {
  it("Next.js after(), Workers ctx.waitUntil with ctx added, NestJS on Lambda await", async () => {
    const result = await run({ paths: ["examples/next-app", "examples/worker", "examples/nest-lambda"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/nest-lambda/src/orders/orders.controller.ts": [`await this.audit.record("order.created", id);`],
      "examples/next-app/app/actions.ts": [`import { after } from "next/server";`, `after(() => trackEvent("newsletter_signup"));`],
      "examples/next-app/app/api/checkout/route.ts": [
        `import { NextResponse, after } from "next/server";`,
        `after(() => trackEvent("checkout_completed", { amount: charge.amount }));`,
        `after(() => sendReceipt(body.email, charge.id).catch((err) => console.error("receipt failed", err)));`,
      ],
      "examples/worker/src/index.ts": [
        "async fetch(request, env, ctx) {",
        "ctx.waitUntil(logHit(request.url, cached !== null));",
        "ctx.waitUntil(env.CACHE.put(request.url, body, { expirationTtl: 300 }));",
        "async scheduled(controller, env, ctx) {",
        "ctx.waitUntil(reportPurge(controller.cron, keys.keys.length));",
      ],
    });
  });

  it("Netlify: the function and the edge function hand their work to context.waitUntil, the edge function gets its context parameter", async () => {
    const result = await run({ paths: ["examples/netlify-site"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/netlify-site/netlify/edge-functions/log-visit.js": [
        "export default async (request, context) => {",
        "context.waitUntil(recordVisit(new URL(request.url).pathname, undefined));",
      ],
      "examples/netlify-site/netlify/functions/subscribe.ts": [
        'context.waitUntil(notifySlack(`new subscriber: ${email} (${context.geo.country?.code ?? "unknown"})`));',
      ],
    });
  });

  it("Supabase Edge Functions: the handler given to Deno.serve hands its work to EdgeRuntime.waitUntil", async () => {
    const result = await run({ paths: ["examples/supabase-edge"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/supabase-edge/supabase/functions/send-welcome/index.ts": ["EdgeRuntime.waitUntil(logSignup(email));"],
    });
  });

  it("Azure Functions: the v4 handlers await their work, the v3 function that answers through context.done becomes async", async () => {
    const result = await run({ paths: ["examples/azure-functions"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/azure-functions/legacy-v3/SendReceipt/index.js": [
        "module.exports = async function (context, order) {",
        'await track("receipt_requested", order.id);',
        "return new Promise((resolve, reject) => {",
        "renderReceipt(order)",
        ".then((html) => {",
        'context.bindings.email = { to: order.email, subject: "Your receipt", html };',
        "resolve();",
        "})",
        ".catch(reject);",
        "});",
      ],
      "examples/azure-functions/src/functions/orders.js": [
        'await track("order_created", saved.id);',
        "handler: async (message, context) => {",
        'await notifyWarehouse(message.id).catch((err) => context.error("warehouse notification failed", err));',
      ],
    });
  });

  it("Cloud Functions for Firebase: v2 onRequest awaits its analytics before the response, the Firestore trigger and the v1 auth trigger await their work", async () => {
    const result = await run({ paths: ["examples/firebase-functions"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    // Taken as Cloud Functions, not "followed" through a wrapper unknown to the Lambda conventions.
    expect(result.entryNotes).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/firebase-functions/functions/src/index.ts": [
        'await trackEvent("signup", { source: req.get("referer") ?? "direct" });',
        'export const welcome = onDocumentCreated("signups/{id}", async (event) => {',
        'await sendWelcomeEmail(email).catch((err) => logger.error("welcome mail failed", err));',
      ],
      "examples/firebase-functions/functions/src/legacy.ts": [
        "export const countNewUser = functions.region(\"europe-west1\").auth.user().onCreate(async (user) => {",
        "await incrementUserCount(new Date(user.metadata.creationTime).toISOString().slice(0, 10));",
      ],
    });
  });

  it("NestJS events: emit becomes await emitAsync, the { async: true } listener gets promisify", async () => {
    const result = await run({ paths: ["examples/nest-events"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/nest-events/src/users/users.controller.ts": [
        "async register(@Body() body: { email: string }) {",
        "await this.eventEmitter.emitAsync(USER_REGISTERED, new UserRegisteredEvent(userId, body.email));",
      ],
      "examples/nest-events/src/users/welcome-mail.listener.ts": ["@OnEvent(USER_REGISTERED, { async: true, promisify: true })"],
    });
  });

  it("callback APIs: fs.writeFile awaits fs.promises with its error branch as a catch, zlib.gzip awaits promisify(zlib.gzip), the setTimeout retry awaits node:timers/promises", async () => {
    const result = await run({ paths: ["examples/callback-apis-js"], cwd: REPO, mode: "dry-run" });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "failed")).toEqual([]);
    expect(addedLines(result)).toEqual({
      "examples/callback-apis-js/receipts.js": [
        "const { setTimeout } = require('node:timers/promises');",
        "const { promisify } = require('node:util');",
        "writeFile: {",
        "try {",
        "await fs.promises.writeFile(file, JSON.stringify(receipt));",
        "} catch (err) {",
        "break writeFile;",
        "}",
        "gzip: {",
        "let zipped;",
        "try {",
        "zipped = await promisify(zlib.gzip)(JSON.stringify(receipt));",
        "} catch (err) {",
        "break gzip;",
        "try {",
        "await fs.promises.writeFile(`${file}.gz`, zipped);",
        "} catch (err) {",
        "console.error('could not archive receipt', receipt.id, err);",
        "}",
        "}",
        "await setTimeout(250);",
        "await notifyAccounting(receipt.id);",
      ],
    });
  });

  it("callback-style handlers: the default run converts them all, and the fs.rm beside scratch.js's callback is awaited by callback-apis", async () => {
    const result = await run({ paths: ["examples/callback-handlers-js"], cwd: REPO, mode: "dry-run" });
    // thumbnail.js's async.waterfall steps call untyped `gm` (no @types for it here): floating-promises reports them. Its
    // `s3` calls are typed since aws-sdk v2 is a dev dependency of settle (alexa-sdk's and cfn-lambda's runtime tests):
    // getObject/putObject given a callback return an AWS.Request, no promise, so they are no findings.
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.transform}`)).toEqual(
      [40, 43, 44, 45].map((line) => `examples/callback-handlers-js/thumbnail.js:${line} floating-promises`),
    );
    expect(result.findings.filter((f) => f.blocking)).toEqual([]);
    expect(result.files.filter((f) => f.status !== "changed")).toEqual([]);
    expect(addedLines(result)["examples/callback-handlers-js/scratch.js"]).toEqual([
      "module.exports.cleanup = async (event, context) => {",
      "rm: {",
      "try {",
      "await fs.promises.rm(scratch, { recursive: true, force: true });",
      "} catch (err) {",
      "break rm;",
      "}",
      "return summary;",
    ]);
  });
});
