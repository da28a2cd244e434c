/**
 * The NestJS case of the emitters transform, run for real: a controller that emits an event and a
 * listener that sends an email, compiled as CommonJS and booted with NestFactory.createApplicationContext
 * (@nestjs/core, @nestjs/event-emitter, eventemitter2). Before the rewrite the controller's promise
 * settles before the email is sent; after settle rewrote the sources, the email is sent first,
 * whatever the listener's @OnEvent options are.
 */
import { readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ts } from "ts-morph";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/run.js";
import { REPO } from "../helpers/fixtures.js";
import { useTempDirs } from "../unit/temp-dir.js";

const SOURCES: Record<string, string> = {
  "package.json": JSON.stringify({ dependencies: { "@codegenie/serverless-express": "^4", "@nestjs/common": "^11", "@nestjs/event-emitter": "^3" } }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", types: ["node"], experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, noEmit: true },
  }),
  "src/events.ts": `export const USER_REGISTERED = "user.registered";
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
`,
  "src/users.controller.ts": `import { Body, Controller, Param, Post } from "@nestjs/common";
import { EventEmitter2 } from "@nestjs/event-emitter";
import { USER_REGISTERED } from "./events.js";

@Controller("users")
export class UsersController {
  constructor(private readonly eventEmitter: EventEmitter2) {}

  @Post()
  register(@Body() body: { email: string }) {
    this.eventEmitter.emit(USER_REGISTERED, { email: body.email });
    return { status: 201 };
  }

  @Post(":id/plain")
  plain(@Param("id") id: string) {
    this.eventEmitter.emit("user.plain", id);
    return { status: 201 };
  }

  @Post(":id/quiet")
  quiet(@Param("id") id: string) {
    this.eventEmitter.emit("user.quiet", id);
    return { status: 201 };
  }

  @Post(":id/loud")
  loud(@Param("id") id: string) {
    this.eventEmitter.emit("user.loud", id);
    return { status: 201 };
  }
}
`,
  "src/mail.listener.ts": `import { Injectable } from "@nestjs/common";
import { OnEvent } from "@nestjs/event-emitter";
import { delay, USER_REGISTERED } from "./events.js";

@Injectable()
export class MailListener {
  readonly sent: string[] = [];

  @OnEvent(USER_REGISTERED, { async: true })
  async sendWelcomeEmail(event: { email: string }) {
    await delay(20);
    this.sent.push(event.email);
  }

  @OnEvent("user.plain")
  async plain(id: string) {
    await delay(20);
    this.sent.push(id);
  }

  @OnEvent("user.quiet")
  async quiet(id: string) {
    await delay(5);
    this.sent.push(id);
    throw new Error("quiet failure");
  }

  @OnEvent("user.loud", { suppressErrors: false })
  async loud(id: string) {
    await delay(5);
    this.sent.push(id);
    throw new Error("mail server down");
  }
}
`,
  "src/app.module.ts": `import { Module } from "@nestjs/common";
import { EventEmitterModule } from "@nestjs/event-emitter";
import { MailListener } from "./mail.listener.js";
import { UsersController } from "./users.controller.js";

@Module({ imports: [EventEmitterModule.forRoot()], controllers: [UsersController], providers: [MailListener] })
export class AppModule {}
`,
};

const repoRequire = createRequire(path.join(REPO, "package.json"));

/** Compile the project's TypeScript as CommonJS and load it; project imports resolve to each other, packages to the repo's node_modules. */
function load(files: Record<string, string>): Record<string, Record<string, unknown>> {
  repoRequire("reflect-metadata");
  const cache = new Map<string, Record<string, unknown>>();
  const loadModule = (name: string): Record<string, unknown> => {
    const cached = cache.get(name);
    if (cached) return cached;
    const { outputText } = ts.transpileModule(files[`src/${name}.ts`], {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true },
    });
    const module = { exports: {} as Record<string, unknown> };
    cache.set(name, module.exports);
    const req = (spec: string) => (spec.startsWith("./") ? loadModule(spec.slice(2).replace(/\.js$/, "")) : repoRequire(spec));
    new Function("exports", "require", "module", outputText)(module.exports, req, module);
    return module.exports;
  };
  return Object.fromEntries(["users.controller", "mail.listener", "app.module"].map((n) => [n, loadModule(n)]));
}

interface Booted {
  controller: Record<string, (arg: unknown) => Promise<unknown> | unknown>;
  mail: { sent: string[] };
  close(): Promise<void>;
}

async function boot(files: Record<string, string>): Promise<Booted> {
  const modules = load(files);
  const { NestFactory } = repoRequire("@nestjs/core");
  const app = await NestFactory.createApplicationContext(modules["app.module"].AppModule, { logger: false });
  return {
    controller: app.get(modules["users.controller"].UsersController),
    mail: app.get(modules["mail.listener"].MailListener),
    close: () => app.close(),
  };
}

describe("emitters: a NestJS controller and its @OnEvent listeners, booted for real", () => {
  const tempDir = useTempDirs();
  let rewritten: Record<string, string>;
  let mixed: Record<string, string>;

  beforeAll(async () => {
    const dir = tempDir(SOURCES);
    symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    const result = await run({ paths: [dir], cwd: dir, mode: "write", force: true, transforms: ["emitters"] });
    expect(result.findings).toEqual([]);
    rewritten = Object.fromEntries(Object.keys(SOURCES).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
    // The controller rewritten, the listener's options not: shows the options change is needed.
    mixed = { ...rewritten, "src/mail.listener.ts": SOURCES["src/mail.listener.ts"] };
  });

  it("rewrites the emits and adds promisify to the async listener", () => {
    expect(rewritten["src/users.controller.ts"]).toBe(
      SOURCES["src/users.controller.ts"]
        .replace(/\n  (register|plain|quiet|loud)\(/g, "\n  async $1(")
        .replace(/this\.eventEmitter\.emit\(/g, "await this.eventEmitter.emitAsync("),
    );
    expect(rewritten["src/mail.listener.ts"]).toBe(SOURCES["src/mail.listener.ts"].replace("{ async: true }", "{ async: true, promisify: true }"));
    expect(rewritten["src/app.module.ts"]).toBe(SOURCES["src/app.module.ts"]);
  });

  it("before: the controller returns while the email is not yet sent", async () => {
    const app = await boot(SOURCES);
    try {
      expect(await app.controller.register({ email: "a@example.com" })).toEqual({ status: 201 });
      expect(await app.controller.plain("p1")).toEqual({ status: 201 });
      expect(app.mail.sent).toEqual([]);
      // Both land later (the { async: true } one a setImmediate after the other).
      await vi.waitFor(() => expect(app.mail.sent).toHaveLength(2));
      expect([...app.mail.sent].sort()).toEqual(["a@example.com", "p1"]);
    } finally {
      await app.close();
    }
  });

  it("after: the controller waits for every listener, { async: true } included", async () => {
    const app = await boot(rewritten);
    try {
      expect(await app.controller.register({ email: "a@example.com" })).toEqual({ status: 201 });
      expect(app.mail.sent).toEqual(["a@example.com"]);
      expect(await app.controller.plain("p1")).toEqual({ status: 201 });
      expect(app.mail.sent).toEqual(["a@example.com", "p1"]);
    } finally {
      await app.close();
    }
  });

  it("without the promisify option, emitAsync does not wait for an { async: true } listener", async () => {
    const app = await boot(mixed);
    try {
      await app.controller.register({ email: "a@example.com" });
      expect(app.mail.sent).toEqual([]);
      await vi.waitFor(() => expect(app.mail.sent).toEqual(["a@example.com"]));
    } finally {
      await app.close();
    }
  });

  it("errors: suppressErrors (Nest's default) still swallows them; suppressErrors: false now fails the controller", async () => {
    const app = await boot(rewritten);
    try {
      expect(await app.controller.quiet("q1")).toEqual({ status: 201 });
      await expect(app.controller.loud("l1")).rejects.toThrow("mail server down");
      expect(app.mail.sent).toEqual(["q1", "l1"]);
    } finally {
      await app.close();
    }
  });
});
