import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";

/**
 * A generator of realistic serverless repositories for the benchmark (and for robustness tests):
 * AWS Lambda handlers in TypeScript and JavaScript calling services, repositories and shared
 * helpers, a few Next.js route handlers, Cloudflare Workers, node:test tests and CLI scripts,
 * optionally spread over the packages of a monorepo. Deterministic: the same options give the
 * same bytes. The TypeScript type-checks cleanly with `tsc --noEmit` when `nodeModules` provides
 * `@types/node` and `@types/aws-lambda`; the only planted problems are floating promises, which
 * are not type errors.
 */
export interface GenerateRepoOptions {
  /** Folder to write into (created when missing; existing files of the same names are overwritten). */
  dir: string;
  /** Exact number of source files (.ts .mjs .js) to generate; at least 14 per package. */
  files: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /**
   * Packages (default 1). With more than one, a monorepo: `packages/<name>/` each with its own
   * package.json, tsconfig.json and serverless.yml; every fourth package is plain JavaScript.
   * The root tsconfig.json then includes every package, so `tsc -p <dir>` checks all files.
   */
  packages?: number;
  /** Probability that a handler or service file gets one planted floating promise (default 0.12). */
  findingRate?: number;
  /**
   * A node_modules folder to link as `<dir>/node_modules`, so that tsc, ESLint and settle resolve
   * `@types/node` and `@types/aws-lambda` (the benchmark passes settle's own node_modules).
   */
  nodeModules?: string;
}

export interface GeneratedPackage {
  name: string;
  /** Relative to the repository root ("" for a single-package repository). */
  dir: string;
  language: "ts" | "js";
}

export interface GeneratedRepo {
  dir: string;
  /** Every generated file (source and config) by relative path, forward slashes. */
  contents: Map<string, string>;
  /** Relative paths of the source files, sorted. */
  sourceFiles: string[];
  /** The tsconfig.json that covers every source file (for `tsc --noEmit -p`). */
  tsconfig: string;
  packages: GeneratedPackage[];
  /** Source files where a floating promise was written on purpose (sorted). */
  plantedFindings: string[];
}

/** Generate a repository in memory: file contents by relative path, nothing is written. */
export function generateRepoFiles(options: Omit<GenerateRepoOptions, "dir" | "nodeModules">): Omit<GeneratedRepo, "dir" | "tsconfig"> {
  const seed = options.seed ?? 1;
  const packageCount = Math.max(1, Math.floor(options.packages ?? 1));
  const findingRate = options.findingRate ?? 0.12;
  const total = Math.floor(options.files);
  if (!Number.isFinite(total) || total < MIN_FILES_PER_PACKAGE * packageCount) {
    throw new RangeError(`generateRepo: need at least ${MIN_FILES_PER_PACKAGE} files per package (${packageCount} packages)`);
  }
  const rng = new Rng(seed);
  const out = new Map<string, string>();
  const planted: string[] = [];
  const monorepo = packageCount > 1;
  const names = shuffled(rng, DOMAIN_NAMES);
  let nameCursor = 0;
  const packages: GeneratedPackage[] = [];
  const serviceNames = shuffled(rng, PACKAGE_NAMES);

  for (let p = 0; p < packageCount; p++) {
    const share = Math.floor(total / packageCount) + (p < total % packageCount ? 1 : 0);
    const language: "ts" | "js" = monorepo && p % 4 === 3 ? "js" : "ts";
    const name = monorepo ? `${serviceNames[p % serviceNames.length]}${p >= serviceNames.length ? `-${Math.floor(p / serviceNames.length) + 1}` : ""}` : "serverless-app";
    const pkgDir = monorepo ? `packages/${name}` : "";
    packages.push({ name, dir: pkgDir, language });
    const pkg = new PackageWriter(rng.fork(), language, findingRate);
    pkg.addCore();
    const domains: Domain[] = [];
    while (pkg.count < share) {
      const base = names[nameCursor % names.length];
      const round = Math.floor(nameCursor / names.length);
      nameCursor++;
      const domain = makeDomain(rng, round === 0 ? base : `${base}${round + 1}`, domains);
      domains.push(domain);
      pkg.addDomain(domain, share);
    }
    const prefix = pkgDir ? `${pkgDir}/` : "";
    for (const [rel, text] of pkg.files) out.set(prefix + rel, text);
    for (const rel of pkg.planted) planted.push(prefix + rel);
    out.set(`${prefix}serverless.yml`, serverlessYml(name, pkg.functions));
    out.set(`${prefix}package.json`, packageJson(name, monorepo, language));
    out.set(`${prefix}tsconfig.json`, monorepo ? PACKAGE_TSCONFIG : tsconfigJson(["src"]));
  }
  if (monorepo) {
    out.set("package.json", rootPackageJson());
    out.set("tsconfig.base.json", tsconfigBase());
    out.set("tsconfig.json", `${JSON.stringify({ extends: "./tsconfig.base.json", include: ["packages/*/src"] }, null, 2)}\n`);
  }
  out.set(".gitignore", "node_modules/\ndist/\n.serverless/\n.build/\n");
  const sourceFiles = [...out.keys()].filter((f) => /\.(ts|mjs|js)$/.test(f) && !f.endsWith(".d.ts")).sort();
  return { contents: out, sourceFiles, packages, plantedFindings: planted.sort() };
}

/** Generate a repository and write it under `options.dir`. */
export function generateRepo(options: GenerateRepoOptions): GeneratedRepo {
  const generated = generateRepoFiles(options);
  const dir = path.resolve(options.dir);
  const made = new Set<string>();
  for (const [rel, text] of generated.contents) {
    const file = path.join(dir, rel);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, text);
  }
  if (options.nodeModules) {
    try {
      symlinkSync(path.resolve(options.nodeModules), path.join(dir, "node_modules"), "junction");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return { ...generated, dir, tsconfig: path.join(dir, "tsconfig.json") };
}

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded PRNG (mulberry32), so that output depends only on the options.

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 2 ** 32));
  }
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const AREAS = ["billing", "catalog", "shipping", "identity", "support", "marketing", "inventory", "payments", "search", "partner"];
const NOUNS = [
  "order", "invoice", "customer", "product", "shipment", "refund", "ticket", "review", "coupon", "subscription",
  "account", "report", "document", "session", "notification", "cart", "payout", "warehouse", "supplier", "campaign",
];
const DOMAIN_NAMES = AREAS.flatMap((a) => NOUNS.map((n) => `${a}${n[0].toUpperCase()}${n.slice(1)}`));
const PACKAGE_NAMES = AREAS.map((a) => `${a}-service`).concat(["gateway", "jobs", "webhooks", "admin-api", "events"]);
const MIN_FILES_PER_PACKAGE = 14;

interface Field {
  name: string;
  type: string;
  /** Expression reading the field from `input: Record<string, unknown>`. */
  parse: string;
  /** A literal value for tests and fixtures. */
  sample: string;
}

const FIELDS: Field[] = [
  { name: "amount", type: "number", parse: `typeof input.amount === "number" ? input.amount : 0`, sample: "1250" },
  { name: "currency", type: "string", parse: `typeof input.currency === "string" ? input.currency : "EUR"`, sample: `"EUR"` },
  { name: "title", type: "string", parse: `typeof input.title === "string" ? input.title.trim() : ""`, sample: `"First"` },
  {
    name: "tags",
    type: "string[]",
    parse: `Array.isArray(input.tags) ? input.tags.filter((tag): tag is string => typeof tag === "string") : []`,
    sample: `["priority"]`,
  },
  { name: "quantity", type: "number", parse: `typeof input.quantity === "number" ? Math.max(1, input.quantity) : 1`, sample: "3" },
  { name: "region", type: "string", parse: `typeof input.region === "string" ? input.region : "eu-west-1"`, sample: `"eu-central-1"` },
  { name: "email", type: "string", parse: `typeof input.email === "string" ? input.email.toLowerCase() : ""`, sample: `"ops@example.com"` },
  { name: "priority", type: "number", parse: `typeof input.priority === "number" ? input.priority : 0`, sample: "2" },
  { name: "active", type: "boolean", parse: `input.active !== false`, sample: "true" },
  { name: "notes", type: "string | undefined", parse: `typeof input.notes === "string" ? input.notes : undefined`, sample: "undefined" },
  { name: "sku", type: "string", parse: `typeof input.sku === "string" ? input.sku.toUpperCase() : ""`, sample: `"SKU-1"` },
  { name: "externalRef", type: "string | null", parse: `typeof input.externalRef === "string" ? input.externalRef : null`, sample: "null" },
  { name: "locale", type: "string", parse: `typeof input.locale === "string" ? input.locale : "en-GB"`, sample: `"de-DE"` },
];

interface Domain {
  /** camelCase: billingOrder */
  name: string;
  /** PascalCase: BillingOrder */
  type: string;
  /** kebab-case: billing-order */
  kebab: string;
  fields: Field[];
  /** An earlier domain of the same package this one links to, if any. */
  linked?: Domain;
}

function makeDomain(rng: Rng, name: string, earlier: Domain[]): Domain {
  const fields = shuffled(rng, FIELDS).slice(0, rng.int(3, 6));
  const linked = earlier.length > 0 && rng.chance(0.35) ? rng.pick(earlier) : undefined;
  return {
    name,
    type: name[0].toUpperCase() + name.slice(1),
    kebab: name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase(),
    fields,
    linked,
  };
}

/** Join lines, dropping `false`/`undefined` entries (conditional lines). */
function lines(...parts: (string | false | undefined)[]): string {
  return `${parts.filter((p): p is string => typeof p === "string").join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// One package's source files.

interface ServerlessFunction {
  name: string;
  handler: string;
  event: "get" | "post" | "sqs" | "schedule";
  path?: string;
}

type Consumer = "get" | "create" | "process" | "list" | "scheduled" | "legacy" | "route" | "worker" | "test" | "script";

const CONSUMER_WEIGHTS: [Consumer, number][] = [
  ["get", 0.8],
  ["create", 0.7],
  ["process", 0.5],
  ["list", 0.5],
  ["scheduled", 0.25],
  ["legacy", 0.35],
  ["route", 0.15],
  ["worker", 0.08],
  ["test", 0.4],
  ["script", 0.1],
];

class PackageWriter {
  readonly files = new Map<string, string>();
  readonly planted: string[] = [];
  readonly functions: ServerlessFunction[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly language: "ts" | "js",
    private readonly findingRate: number,
  ) {}

  get count(): number {
    return this.files.size;
  }

  /** Write a TypeScript module (a JavaScript package gets it with the types stripped). */
  private add(relTs: string, text: string, planted = false): void {
    let rel = relTs;
    let body = text;
    if (this.language === "js" && relTs.endsWith(".ts")) {
      rel = relTs.replace(/\.ts$/, ".js");
      body = stripTypes(text, relTs);
    }
    this.files.set(`src/${rel}`, body);
    if (planted) this.planted.push(`src/${rel}`);
  }

  private addJs(rel: string, text: string, planted = false): void {
    this.files.set(`src/${rel}`, text);
    if (planted) this.planted.push(`src/${rel}`);
  }

  addCore(): void {
    this.add("lib/db.ts", LIB_DB);
    this.add("lib/http.ts", LIB_HTTP);
    this.add("lib/logger.ts", LIB_LOGGER);
    this.add("lib/metrics.ts", LIB_METRICS);
    this.add("lib/queue.ts", LIB_QUEUE);
    this.add("lib/email.ts", LIB_EMAIL);
    this.add("lib/errors.ts", LIB_ERRORS);
    this.add("lib/config.ts", LIB_CONFIG);
    if (this.language === "ts") this.add("types/platform.ts", TYPES_PLATFORM);
    else this.add("lib/retry.ts", LIB_RETRY);
  }

  addDomain(d: Domain, limit: number): void {
    const room = () => this.count < limit;
    const rng = this.rng;
    if (!room()) return;
    if (this.language === "ts") this.add(`types/${d.name}.ts`, typesFile(d));
    else this.addJs(`types/${d.name}.js`, jsTypedefFile(d));
    if (room()) this.add(`mappers/${d.name}Mapper.ts`, mapperFile(rng, d));
    if (room()) this.add(`repositories/${d.name}Repository.ts`, repositoryFile(rng, d));
    if (room()) {
      const finding = rng.chance(this.findingRate) ? rng.int(0, 1) : undefined;
      this.add(`services/${d.name}Service.ts`, serviceFile(rng, d, finding), finding !== undefined);
    }
    for (const [kind, weight] of CONSUMER_WEIGHTS) {
      if (!room()) return;
      if (!rng.chance(weight)) continue;
      const planted = rng.chance(this.findingRate);
      this.addConsumer(kind, d, planted);
    }
  }

  private addConsumer(kind: Consumer, d: Domain, planted: boolean): void {
    const rng = this.rng;
    const js = this.language === "js";
    const fn = (name: string, file: string, exportName: string, event: ServerlessFunction["event"], p?: string) =>
      this.functions.push({ name, handler: `src/${file}.${exportName}`, event, path: p });
    switch (kind) {
      case "get":
        if (js) this.addJs(`handlers/${d.name}/get.js`, jsGetHandler(rng, d, planted), planted);
        else this.add(`handlers/${d.name}/get.ts`, getHandler(rng, d, planted), planted);
        fn(`get${d.type}`, `handlers/${d.name}/get`, "handler", "get", `/${d.kebab}s/{id}`);
        return;
      case "create":
        if (js) this.addJs(`handlers/${d.name}/create.js`, jsCreateHandler(rng, d, planted), planted);
        else this.add(`handlers/${d.name}/create.ts`, createHandler(rng, d, planted), planted);
        fn(`create${d.type}`, `handlers/${d.name}/create`, "handler", "post", `/${d.kebab}s`);
        return;
      case "process":
        this.add(`handlers/${d.name}/process.ts`, processHandler(rng, d, planted), planted);
        fn(`process${d.type}Updates`, `handlers/${d.name}/process`, "handler", "sqs");
        return;
      case "list":
        this.add(`handlers/${d.name}/list.ts`, listHandler(rng, d, planted), planted);
        fn(`list${d.type}s`, `handlers/${d.name}/list`, `list${d.type}sHandler`, "get", `/${d.kebab}s`);
        return;
      case "scheduled":
        this.add(`handlers/${d.name}/cleanup.ts`, scheduledHandler(rng, d, planted), planted);
        fn(`cleanup${d.type}s`, `handlers/${d.name}/cleanup`, "handler", "schedule");
        return;
      case "legacy":
        this.addJs(`handlers/${d.name}/export.mjs`, legacyHandler(rng, d, planted), planted);
        fn(`export${d.type}s`, `handlers/${d.name}/export`, "handler", "get", `/${d.kebab}s/export`);
        return;
      case "route":
        if (js) this.addJs(`handlers/${d.name}/status.js`, jsGetHandler(rng, d, false));
        else this.add(`app/api/${d.kebab}s/route.ts`, nextRoute(rng, d));
        return;
      case "worker":
        if (js) this.add(`handlers/${d.name}/notify.ts`, processHandler(rng, d, false));
        else this.add(`workers/${d.name}Worker.ts`, workerFile(rng, d));
        return;
      case "test":
        this.add(`services/${d.name}Service.test.ts`, testFile(d));
        return;
      case "script":
        this.add(`scripts/backfill${d.type}s.ts`, scriptFile(d));
        return;
    }
  }
}

/** TypeScript to JavaScript with the types removed and ESM kept (for JavaScript packages). */
function stripTypes(text: string, fileName: string): string {
  const { outputText } = ts.transpileModule(text, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
  });
  // The emitter indents by four, drops blank lines and puts `catch`/`else` on their own line: restore the
  // hand-written look (two spaces, a blank line between top-level declarations).
  const out: string[] = [];
  for (const raw of outputText.replace(/^export \{\};\n?/m, "").replace(/\}\n\s*(catch|else|finally)\b/g, "} $1").split("\n")) {
    const line = raw.replace(/^( {4})+/, (indent) => " ".repeat(indent.length / 2));
    const topLevel = /^(export |const |let |function |async function |class )/.test(line);
    const previous = out[out.length - 1];
    if (topLevel && previous !== undefined && previous !== "" && !(previous.startsWith("const ") && line.startsWith("const "))) out.push("");
    out.push(line);
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Package and config files.

function serverlessYml(service: string, functions: ServerlessFunction[]): string {
  const out = [`service: ${service}`, `frameworkVersion: "3"`, "", "provider:", "  name: aws", "  runtime: nodejs20.x", "  region: eu-west-1", "  memorySize: 512", ""];
  out.push("functions:");
  if (functions.length === 0) out.push("  {}");
  for (const f of functions) {
    out.push(`  ${f.name}:`, `    handler: ${f.handler}`, "    events:");
    if (f.event === "get" || f.event === "post") {
      out.push("      - httpApi:", `          method: ${f.event.toUpperCase()}`, `          path: ${f.path}`);
    } else if (f.event === "sqs") {
      out.push("      - sqs:", `          arn: arn:aws:sqs:eu-west-1:123456789012:${f.name}`, "          batchSize: 10");
    } else {
      out.push("      - schedule: rate(1 hour)");
    }
  }
  return `${out.join("\n")}\n`;
}

function packageJson(name: string, monorepo: boolean, language: "ts" | "js"): string {
  const pkg = {
    name: monorepo ? `@acme/${name}` : name,
    version: "1.0.0",
    private: true,
    type: "module",
    scripts: language === "ts" ? { typecheck: "tsc --noEmit", test: "node --test", deploy: "serverless deploy" } : { test: "node --test", deploy: "serverless deploy" },
    devDependencies: { "@types/aws-lambda": "^8.10.150", "@types/node": "^20.19.0", typescript: "^6.0.0" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function rootPackageJson(): string {
  return `${JSON.stringify({ name: "acme-serverless", private: true, type: "module", workspaces: ["packages/*"], scripts: { typecheck: "tsc --noEmit" } }, null, 2)}\n`;
}

const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  strict: true,
  allowJs: true,
  checkJs: false,
  noEmit: true,
  esModuleInterop: true,
  isolatedModules: true,
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
};

function tsconfigBase(): string {
  return `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS }, null, 2)}\n`;
}

function tsconfigJson(include: string[]): string {
  return `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include }, null, 2)}\n`;
}

const PACKAGE_TSCONFIG = `${JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"] }, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------
// Core library files, the same in every package.

const LIB_DB = `/** A minimal document table client (stands in for a DynamoDB document client). */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export class Table<T extends { id: string }> {
  private readonly items = new Map<string, T>();

  constructor(readonly name: string) {}

  async get(id: string): Promise<T | undefined> {
    return this.items.get(id);
  }

  async put(item: T): Promise<void> {
    this.items.set(item.id, item);
  }

  async delete(id: string): Promise<boolean> {
    return this.items.delete(id);
  }

  async update(id: string, patch: Partial<T>): Promise<T | undefined> {
    const current = this.items.get(id);
    if (!current) {
      return undefined;
    }
    const next = { ...current, ...patch };
    this.items.set(id, next);
    return next;
  }

  async query(predicate: (item: T) => boolean, limit = 50): Promise<T[]> {
    const out: T[] = [];
    for (const item of this.items.values()) {
      if (predicate(item)) {
        out.push(item);
      }
      if (out.length >= limit) {
        break;
      }
    }
    return out;
  }

  async scan(limit = 100, startAfter?: string): Promise<Page<T>> {
    const all = [...this.items.values()];
    const start = startAfter ? all.findIndex((item) => item.id === startAfter) + 1 : 0;
    const items = all.slice(start, start + limit);
    const last = items[items.length - 1];
    return { items, nextToken: items.length === limit && last ? last.id : undefined };
  }
}
`;

const LIB_HTTP = `import type { APIGatewayProxyResult } from "aws-lambda";

const JSON_HEADERS = { "content-type": "application/json" };

export function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function badRequest(message: string): APIGatewayProxyResult {
  return json(400, { message });
}

export function notFound(message: string): APIGatewayProxyResult {
  return json(404, { message });
}

export function noContent(): APIGatewayProxyResult {
  return { statusCode: 204, headers: JSON_HEADERS, body: "" };
}

export function parseBody(body: string | null | undefined): unknown {
  if (!body) {
    return undefined;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
`;

const LIB_LOGGER = `export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: LogLevel[] = ["debug", "info", "warn", "error"];
const threshold = ORDER.indexOf((process.env.LOG_LEVEL as LogLevel | undefined) ?? "info");

export function createLogger(component: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER.indexOf(level) < threshold) {
      return;
    }
    console.log(JSON.stringify({ level, component, message, ...fields, time: new Date().toISOString() }));
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}
`;

const LIB_METRICS = `import { createLogger } from "./logger.js";

const log = createLogger("metrics");
const buffered: { name: string; value: number; at: number }[] = [];

/** Record a metric (flushed in batches to the metrics backend). */
export async function recordMetric(name: string, value: number): Promise<void> {
  buffered.push({ name, value, at: Date.now() });
  if (buffered.length >= 20) {
    await flushMetrics();
  }
}

/** Send a product analytics event. */
export async function trackEvent(name: string, properties: Record<string, unknown> = {}): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  log.debug("event", { name, ...properties });
}

export async function flushMetrics(): Promise<number> {
  const count = buffered.length;
  buffered.length = 0;
  await new Promise((resolve) => setTimeout(resolve, 1));
  return count;
}
`;

const LIB_QUEUE = `import { randomUUID } from "node:crypto";

export interface QueueMessage<T> {
  id: string;
  topic: string;
  payload: T;
  sentAt: string;
}

const sent: QueueMessage<unknown>[] = [];

/** Publish a message to a topic (stands in for SNS/SQS/EventBridge). */
export async function publish<T>(topic: string, payload: T): Promise<string> {
  const message: QueueMessage<T> = { id: randomUUID(), topic, payload, sentAt: new Date().toISOString() };
  sent.push(message);
  await new Promise((resolve) => setTimeout(resolve, 1));
  return message.id;
}

export function pendingMessages(): number {
  return sent.length;
}
`;

const LIB_EMAIL = `import { createLogger } from "./logger.js";

const log = createLogger("email");

export interface Email {
  to: string;
  subject: string;
  body: string;
}

export async function sendEmail(email: Email): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2));
  log.info("email sent", { to: email.to, subject: email.subject });
}

export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\\{\\{(\\w+)\\}\\}/g, (_, key: string) => String(values[key] ?? ""));
}
`;

const LIB_ERRORS = `export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(\`\${entity} \${id} not found\`);
    this.name = "NotFoundError";
  }
}

export class ValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join("; "));
    this.name = "ValidationError";
  }
}

export function isNotFound(error: unknown): error is NotFoundError {
  return error instanceof NotFoundError;
}
`;

const LIB_CONFIG = `export interface AppConfig {
  stage: string;
  region: string;
  tablePrefix: string;
  pageSize: number;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= {
    stage: process.env.STAGE ?? "dev",
    region: process.env.AWS_REGION ?? "eu-west-1",
    tablePrefix: process.env.TABLE_PREFIX ?? "app",
    pageSize: Number(process.env.PAGE_SIZE ?? "25"),
  };
  return cached;
}

export function tableName(entity: string): string {
  const { stage, tablePrefix } = getConfig();
  return \`\${tablePrefix}-\${stage}-\${entity}\`;
}
`;

const LIB_RETRY = `/** Retry an async operation with exponential backoff. */
export async function withRetry<T>(operation: () => Promise<T>, attempts = 3, delayMs = 50): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));
    }
  }
  throw lastError;
}
`;

const TYPES_PLATFORM = `/** The parts of the Cloudflare Workers runtime types the workers use. */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

export interface WorkerEnv {
  API_TOKEN: string;
  STAGE: string;
}
`;

// ---------------------------------------------------------------------------------------------
// Domain files.

function typesFile(d: Domain): string {
  const fields = d.fields.map((f) => `  ${f.name}: ${f.type};`);
  return lines(
    `export type ${d.type}Status = "pending" | "active" | "suspended" | "closed";`,
    "",
    `export interface ${d.type} {`,
    "  id: string;",
    "  ownerId: string;",
    `  status: ${d.type}Status;`,
    "  createdAt: string;",
    "  updatedAt: string;",
    ...fields,
    "}",
    "",
    `export interface Create${d.type}Input {`,
    "  ownerId: string;",
    ...fields,
    "}",
    "",
    `export interface ${d.type}Summary {`,
    "  id: string;",
    `  status: ${d.type}Status;`,
    `  ${d.fields[0].name}: ${d.fields[0].type};`,
    "}",
    "",
    `export interface ${d.type}StatusChange {`,
    "  id: string;",
    `  status: ${d.type}Status;`,
    "  reason?: string;",
    "}",
  );
}

function jsTypedefFile(d: Domain): string {
  const props = d.fields.map((f) => `${f.name}: ${f.type}`).join(", ");
  return lines(
    `/** @typedef {"pending" | "active" | "suspended" | "closed"} ${d.type}Status */`,
    `/** @typedef {{ id: string, ownerId: string, status: ${d.type}Status, createdAt: string, updatedAt: string, ${props} }} ${d.type} */`,
    "",
    `export const ${d.type.toUpperCase()}_STATUSES = Object.freeze(["pending", "active", "suspended", "closed"]);`,
    "",
    `/** @param {string} status */`,
    `export function is${d.type}Status(status) {`,
    `  return ${d.type.toUpperCase()}_STATUSES.includes(status);`,
    "}",
  );
}

function mapperFile(rng: Rng, d: Domain): string {
  const T = d.type;
  const first = d.fields[0].name;
  return lines(
    `import type { Create${T}Input, ${T}, ${T}Status, ${T}Summary } from "../types/${d.name}.js";`,
    "",
    `const STATUSES: readonly ${T}Status[] = ["pending", "active", "suspended", "closed"];`,
    "",
    `export function to${T}Summary(item: ${T}): ${T}Summary {`,
    `  return { id: item.id, status: item.status, ${first}: item.${first} };`,
    "}",
    "",
    `export function parseCreate${T}Input(body: unknown): Create${T}Input | undefined {`,
    `  if (!body || typeof body !== "object") {`,
    "    return undefined;",
    "  }",
    "  const input = body as Record<string, unknown>;",
    `  if (typeof input.ownerId !== "string" || input.ownerId.length === 0) {`,
    "    return undefined;",
    "  }",
    "  return {",
    "    ownerId: input.ownerId,",
    ...d.fields.map((f) => `    ${f.name}: ${f.parse},`),
    "  };",
    "}",
    "",
    `export function new${T}(input: Create${T}Input, id: string, now: Date): ${T} {`,
    "  const timestamp = now.toISOString();",
    `  return { ...input, id, status: "pending", createdAt: timestamp, updatedAt: timestamp };`,
    "}",
    "",
    `export function parse${T}Status(value: unknown): ${T}Status | undefined {`,
    `  return STATUSES.find((status) => status === value);`,
    "}",
    rng.chance(0.6) &&
      lines(
        "",
        `export function compare${T}s(a: ${T}, b: ${T}): number {`,
        "  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);",
        "}",
      ).trimEnd(),
    rng.chance(0.5) &&
      lines(
        "",
        `export function describe${T}(item: ${T}): string {`,
        `  return \`${T} \${item.id} (\${item.status}) owned by \${item.ownerId}\`;`,
        "}",
      ).trimEnd(),
  );
}

function repositoryFile(rng: Rng, d: Domain): string {
  const T = d.type;
  return lines(
    `import { Table, type Page } from "../lib/db.js";`,
    `import { tableName } from "../lib/config.js";`,
    `import { createLogger } from "../lib/logger.js";`,
    `import type { ${T}, ${T}Status } from "../types/${d.name}.js";`,
    "",
    `const log = createLogger("${d.kebab}-repository");`,
    "",
    `export class ${T}Repository {`,
    `  private readonly table = new Table<${T}>(tableName("${d.kebab}"));`,
    "",
    `  async findById(id: string): Promise<${T} | undefined> {`,
    "    return this.table.get(id);",
    "  }",
    "",
    `  async save(item: ${T}): Promise<${T}> {`,
    "    await this.table.put(item);",
    `    log.debug("saved", { id: item.id });`,
    "    return item;",
    "  }",
    "",
    `  async listByOwner(ownerId: string, limit = 25): Promise<${T}[]> {`,
    "    return this.table.query((item) => item.ownerId === ownerId, limit);",
    "  }",
    "",
    `  async listByStatus(status: ${T}Status, limit = 100): Promise<${T}[]> {`,
    "    return this.table.query((item) => item.status === status, limit);",
    "  }",
    "",
    `  async updateStatus(id: string, status: ${T}Status): Promise<${T} | undefined> {`,
    "    return this.table.update(id, { status, updatedAt: new Date().toISOString() });",
    "  }",
    "",
    "  async remove(id: string): Promise<boolean> {",
    "    const removed = await this.table.delete(id);",
    "    if (removed) {",
    `      log.info("removed", { id });`,
    "    }",
    "    return removed;",
    "  }",
    rng.chance(0.5) &&
      lines(
        "",
        `  async page(limit: number, startAfter?: string): Promise<Page<${T}>> {`,
        "    return this.table.scan(limit, startAfter);",
        "  }",
      ).trimEnd(),
    "}",
    "",
    `export const ${d.name}Repository = new ${T}Repository();`,
  );
}

/** `finding`: 0 = an un-awaited trackEvent in create, 1 = a `.catch`-only publish in changeStatus. */
function serviceFile(rng: Rng, d: Domain, finding: number | undefined): string {
  const T = d.type;
  const L = d.linked;
  const notify = d.fields.some((f) => f.name === "email");
  return lines(
    `import { randomUUID } from "node:crypto";`,
    notify && `import { sendEmail } from "../lib/email.js";`,
    `import { NotFoundError } from "../lib/errors.js";`,
    `import { createLogger } from "../lib/logger.js";`,
    `import { recordMetric, trackEvent } from "../lib/metrics.js";`,
    `import { publish } from "../lib/queue.js";`,
    `import { new${T}, to${T}Summary } from "../mappers/${d.name}Mapper.js";`,
    `import { ${d.name}Repository } from "../repositories/${d.name}Repository.js";`,
    `import type { Create${T}Input, ${T}, ${T}Status, ${T}Summary } from "../types/${d.name}.js";`,
    L && `import { get${L.type}OrThrow } from "./${L.name}Service.js";`,
    "",
    `const log = createLogger("${d.kebab}-service");`,
    "",
    `export async function create${T}(input: Create${T}Input): Promise<${T}> {`,
    L && `  await get${L.type}OrThrow(input.ownerId);`,
    `  const item = new${T}(input, randomUUID(), new Date());`,
    `  await ${d.name}Repository.save(item);`,
    finding === 0
      ? `  trackEvent("${d.kebab}.created", { id: item.id, ownerId: item.ownerId });`
      : `  await trackEvent("${d.kebab}.created", { id: item.id, ownerId: item.ownerId });`,
    notify && `  if (item.email) {`,
    notify && `    await sendEmail({ to: item.email, subject: "${T} received", body: \`We received \${item.id}.\` });`,
    notify && `  }`,
    "  return item;",
    "}",
    "",
    `export async function get${T}OrThrow(id: string): Promise<${T}> {`,
    `  const item = await ${d.name}Repository.findById(id);`,
    "  if (!item) {",
    `    throw new NotFoundError("${T}", id);`,
    "  }",
    "  return item;",
    "}",
    "",
    `export async function list${T}s(ownerId: string): Promise<${T}Summary[]> {`,
    `  const items = await ${d.name}Repository.listByOwner(ownerId);`,
    `  return items.map(to${T}Summary);`,
    "}",
    "",
    `export async function change${T}Status(id: string, status: ${T}Status): Promise<${T}> {`,
    `  const updated = await ${d.name}Repository.updateStatus(id, status);`,
    "  if (!updated) {",
    `    throw new NotFoundError("${T}", id);`,
    "  }",
    finding === 1
      ? `  publish("${d.kebab}-status-changed", { id, status }).catch((error) => log.warn("publish failed", { error: String(error) }));`
      : `  await publish("${d.kebab}-status-changed", { id, status });`,
    `  await recordMetric("${T}StatusChanged", 1);`,
    "  return updated;",
    "}",
    "",
    `export async function remove${T}(id: string): Promise<boolean> {`,
    `  const removed = await ${d.name}Repository.remove(id);`,
    `  log.info("remove requested", { id, removed });`,
    "  return removed;",
    "}",
    rng.chance(0.5) &&
      lines(
        "",
        `export async function close${T}sFor(ownerId: string): Promise<number> {`,
        `  const items = await ${d.name}Repository.listByOwner(ownerId, 100);`,
        `  await Promise.all(items.map((item) => ${d.name}Repository.updateStatus(item.id, "closed")));`,
        "  return items.length;",
        "}",
      ).trimEnd(),
  );
}

/**
 * A handler's imports from lib/metrics.js (`always`: the ones its own code uses) and lib/queue.js:
 * a handler with a planted floating promise imports what any of plantedLine's shapes calls.
 */
function plantingImports(planted: boolean, always: string[] = []): string | false {
  const metrics = [...new Set([...always, ...(planted ? ["recordMetric", "trackEvent"] : [])])].sort();
  const imports = [
    metrics.length > 0 && `import { ${metrics.join(", ")} } from "../../lib/metrics.js";`,
    planted && `import { publish } from "../../lib/queue.js";`,
  ].filter((line): line is string => typeof line === "string");
  return imports.length > 0 && imports.join("\n");
}

/** One planted floating promise inside a handler body, in one of the shapes seen in real code. */
function plantedLine(rng: Rng, d: Domain, idExpr: string, indent = "  "): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `${indent}trackEvent("${d.kebab}.viewed", { id: ${idExpr} });`;
    case 1:
      return `${indent}recordMetric("${d.type}Requests", 1).catch((error) => console.error("metric failed", error));`;
    case 2:
      return `${indent}void publish("${d.kebab}-audit", { id: ${idExpr}, at: Date.now() });`;
    default:
      return `${indent}const audit = publish("${d.kebab}-audit", { id: ${idExpr} });`;
  }
}

/** The body of a get-by-id handler after `id` is read: 400 without it, the item as JSON, 404 when it is not found. */
function readByIdBody(rng: Rng, d: Domain, planted: boolean, options: { plantedId: string; metric?: string }): string {
  return lines(
    "  if (!id) {",
    `    return badRequest("missing id");`,
    "  }",
    "  try {",
    `    const item = await get${d.type}OrThrow(id);`,
    planted && plantedLine(rng, d, options.plantedId, "    "),
    options.metric && `    await recordMetric("${options.metric}", 1);`,
    "    return json(200, item);",
    "  } catch (error) {",
    "    if (isNotFound(error)) {",
    "      return notFound(error.message);",
    "    }",
    "    throw error;",
    "  }",
  ).trimEnd();
}

function getHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  const typed = rng.chance(0.6);
  return lines(
    typed
      ? `import type { APIGatewayProxyHandler } from "aws-lambda";`
      : `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";`,
    `import { isNotFound } from "../../lib/errors.js";`,
    `import { badRequest, json, notFound } from "../../lib/http.js";`,
    plantingImports(planted, ["recordMetric"]),
    `import { get${T}OrThrow } from "../../services/${d.name}Service.js";`,
    "",
    typed
      ? "export const handler: APIGatewayProxyHandler = async (event) => {"
      : "export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {",
    "  const id = event.pathParameters?.id;",
    readByIdBody(rng, d, planted, { plantedId: "item.id", metric: `${T}Reads` }),
    "};",
  );
}

function createHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";`,
    `import { parseBody } from "../../lib/http.js";`,
    `import { createLogger } from "../../lib/logger.js";`,
    plantingImports(planted, ["recordMetric"]),
    `import { parseCreate${T}Input } from "../../mappers/${d.name}Mapper.js";`,
    `import { create${T} } from "../../services/${d.name}Service.js";`,
    "",
    `const log = createLogger("create-${d.kebab}");`,
    "",
    "export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> {",
    `  const input = parseCreate${T}Input(parseBody(event.body));`,
    "  if (!input) {",
    `    return { statusCode: 400, body: JSON.stringify({ message: "invalid request body" }) };`,
    "  }",
    `  const item = await create${T}(input);`,
    planted && plantedLine(rng, d, "item.id"),
    `  log.info("created", { id: item.id, requestId: context.awsRequestId });`,
    rng.chance(0.5) && `  await recordMetric("${T}Created", 1);`,
    `  return { statusCode: 201, headers: { location: \`/${d.kebab}s/\${item.id}\` }, body: JSON.stringify(item) };`,
    "}",
  );
}

function processHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  const forEach = planted && rng.chance(0.5);
  return lines(
    `import type { SQSBatchItemFailure, SQSEvent, SQSBatchResponse } from "aws-lambda";`,
    `import { createLogger } from "../../lib/logger.js";`,
    plantingImports(planted && !forEach, ["recordMetric"]),
    `import { parse${T}Status } from "../../mappers/${d.name}Mapper.js";`,
    `import { change${T}Status } from "../../services/${d.name}Service.js";`,
    `import type { ${T}StatusChange } from "../../types/${d.name}.js";`,
    "",
    `const log = createLogger("process-${d.kebab}");`,
    "",
    "export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {",
    "  const batchItemFailures: SQSBatchItemFailure[] = [];",
    forEach
      ? lines(
          "  event.Records.forEach(async (record) => {",
          `    const change = JSON.parse(record.body) as ${T}StatusChange;`,
          `    await change${T}Status(change.id, parse${T}Status(change.status) ?? "pending");`,
          "  });",
        ).trimEnd()
      : lines(
          "  for (const record of event.Records) {",
          "    try {",
          `      const change = JSON.parse(record.body) as ${T}StatusChange;`,
          `      const status = parse${T}Status(change.status);`,
          "      if (!status) {",
          `        log.warn("unknown status", { messageId: record.messageId });`,
          "        continue;",
          "      }",
          `      await change${T}Status(change.id, status);`,
          "    } catch (error) {",
          `      log.error("update failed", { messageId: record.messageId, error: String(error) });`,
          "      batchItemFailures.push({ itemIdentifier: record.messageId });",
          "    }",
          "  }",
        ).trimEnd(),
    planted && !forEach && plantedLine(rng, d, "event.Records[0]?.messageId"),
    `  await recordMetric("${T}UpdatesProcessed", event.Records.length - batchItemFailures.length);`,
    "  return { batchItemFailures };",
    "};",
  );
}

function listHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";`,
    `import { getConfig } from "../../lib/config.js";`,
    `import { badRequest, json } from "../../lib/http.js";`,
    `import { createLogger } from "../../lib/logger.js";`,
    plantingImports(planted),
    `import { list${T}s } from "../../services/${d.name}Service.js";`,
    "",
    `const log = createLogger("list-${d.kebab}s");`,
    "",
    `export async function list${T}sHandler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {`,
    "  const ownerId = event.queryStringParameters?.ownerId;",
    "  if (!ownerId) {",
    `    return badRequest("ownerId is required");`,
    "  }",
    "  const started = Date.now();",
    `  const items = await list${T}s(ownerId);`,
    planted && plantedLine(rng, d, "ownerId"),
    `  log.info("listed", { requestId: context.awsRequestId, count: items.length, ms: Date.now() - started });`,
    "  return json(200, { items: items.slice(0, getConfig().pageSize) });",
    "}",
  );
}

function scheduledHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import type { ScheduledEvent } from "aws-lambda";`,
    `import { createLogger } from "../../lib/logger.js";`,
    plantingImports(planted, ["flushMetrics"]),
    `import { ${d.name}Repository } from "../../repositories/${d.name}Repository.js";`,
    "",
    `const log = createLogger("cleanup-${d.kebab}s");`,
    `const MAX_AGE_MS = ${rng.int(1, 30)} * 24 * 60 * 60 * 1000;`,
    "",
    "export const handler = async (event: ScheduledEvent): Promise<void> => {",
    "  const cutoff = new Date(Date.parse(event.time) - MAX_AGE_MS).toISOString();",
    `  const stale = await ${d.name}Repository.listByStatus("suspended");`,
    "  let removed = 0;",
    "  for (const item of stale) {",
    "    if (item.updatedAt < cutoff) {",
    `      await ${d.name}Repository.remove(item.id);`,
    "      removed++;",
    "    }",
    "  }",
    planted && plantedLine(rng, d, "event.id"),
    `  log.info("cleanup done", { removed, scanned: stale.length });`,
    "  await flushMetrics();",
    "};",
  );
}

function legacyHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import { badRequest, json } from "../../lib/http.js";`,
    plantingImports(planted, ["recordMetric"]),
    `import { list${T}s } from "../../services/${d.name}Service.js";`,
    "",
    `const COLUMNS = ["id", "status", "${d.fields[0].name}"];`,
    "",
    "/**",
    ` * Export the ${d.kebab}s of an owner as CSV.`,
    ` * @param {import("aws-lambda").APIGatewayProxyEvent} event`,
    " */",
    "export const handler = async (event) => {",
    "  const ownerId = event.queryStringParameters && event.queryStringParameters.ownerId;",
    "  if (!ownerId) {",
    `    return badRequest("ownerId is required");`,
    "  }",
    `  const items = await list${T}s(ownerId);`,
    `  const rows = items.map((item) => COLUMNS.map((column) => JSON.stringify(item[column] ?? "")).join(","));`,
    planted && plantedLine(rng, d, "ownerId"),
    `  await recordMetric("${T}Exports", 1);`,
    `  return json(200, { csv: [COLUMNS.join(","), ...rows].join("\\n") });`,
    "};",
  );
}

function jsGetHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import { isNotFound } from "../../lib/errors.js";`,
    `import { badRequest, json, notFound } from "../../lib/http.js";`,
    plantingImports(planted),
    `import { get${T}OrThrow } from "../../services/${d.name}Service.js";`,
    "",
    `/** @param {import("aws-lambda").APIGatewayProxyEvent} event */`,
    "export async function handler(event) {",
    "  const id = event.pathParameters ? event.pathParameters.id : undefined;",
    readByIdBody(rng, d, planted, { plantedId: "id" }),
    "}",
  );
}

function jsCreateHandler(rng: Rng, d: Domain, planted: boolean): string {
  const T = d.type;
  return lines(
    `import { badRequest, json, parseBody } from "../../lib/http.js";`,
    plantingImports(planted),
    `import { withRetry } from "../../lib/retry.js";`,
    `import { parseCreate${T}Input } from "../../mappers/${d.name}Mapper.js";`,
    `import { create${T} } from "../../services/${d.name}Service.js";`,
    "",
    "export const handler = async (event, context) => {",
    `  const input = parseCreate${T}Input(parseBody(event.body));`,
    "  if (!input) {",
    `    return badRequest("invalid request body");`,
    "  }",
    `  const item = await withRetry(() => create${T}(input));`,
    planted && plantedLine(rng, d, "item.id"),
    `  console.log("created", item.id, context.awsRequestId);`,
    "  return json(201, item);",
    "};",
  );
}

function nextRoute(rng: Rng, d: Domain): string {
  const T = d.type;
  return lines(
    `import { trackEvent } from "../../../lib/metrics.js";`,
    `import { parseCreate${T}Input } from "../../../mappers/${d.name}Mapper.js";`,
    `import { create${T}, list${T}s } from "../../../services/${d.name}Service.js";`,
    "",
    `export const dynamic = "force-dynamic";`,
    "",
    "export async function GET(request: Request): Promise<Response> {",
    `  const ownerId = new URL(request.url).searchParams.get("ownerId");`,
    "  if (!ownerId) {",
    `    return Response.json({ message: "ownerId is required" }, { status: 400 });`,
    "  }",
    `  return Response.json({ items: await list${T}s(ownerId) });`,
    "}",
    "",
    "export async function POST(request: Request): Promise<Response> {",
    `  const input = parseCreate${T}Input(await request.json());`,
    "  if (!input) {",
    `    return Response.json({ message: "invalid request body" }, { status: 400 });`,
    "  }",
    `  const item = await create${T}(input);`,
    rng.chance(0.5) && `  await trackEvent("web.${d.kebab}.created", { id: item.id });`,
    "  return Response.json(item, { status: 201 });",
    "}",
  );
}

function workerFile(rng: Rng, d: Domain): string {
  const T = d.type;
  return lines(
    `import { trackEvent } from "../lib/metrics.js";`,
    `import { get${T}OrThrow } from "../services/${d.name}Service.js";`,
    `import type { ExecutionContext, WorkerEnv } from "../types/platform.js";`,
    "",
    "export default {",
    "  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {",
    "    if (request.headers.get(\"authorization\") !== `Bearer ${env.API_TOKEN}`) {",
    `      return new Response("unauthorized", { status: 401 });`,
    "    }",
    `    const id = new URL(request.url).searchParams.get("id");`,
    "    if (!id) {",
    `      return new Response("missing id", { status: 400 });`,
    "    }",
    `    const item = await get${T}OrThrow(id);`,
    `    ctx.waitUntil(trackEvent("edge.${d.kebab}.read", { id, stage: env.STAGE }));`,
    rng.chance(0.5)
      ? `    return Response.json(item, { headers: { "cache-control": "max-age=${rng.int(10, 300)}" } });`
      : "    return Response.json(item);",
    "  },",
    "};",
  );
}

function testFile(d: Domain): string {
  const T = d.type;
  const sample = d.fields.map((f) => `${f.name}: ${f.sample}`).join(", ");
  return lines(
    `import assert from "node:assert/strict";`,
    `import { test } from "node:test";`,
    `import { change${T}Status, create${T}, get${T}OrThrow } from "./${d.name}Service.js";`,
    "",
    `test("creates a ${d.kebab} and reads it back", async () => {`,
    `  const created = await create${T}({ ownerId: "owner-1", ${sample} });`,
    `  const read = await get${T}OrThrow(created.id);`,
    "  assert.equal(read.id, created.id);",
    `  assert.equal(read.status, "pending");`,
    "});",
    "",
    `test("changes the status of a ${d.kebab}", async () => {`,
    `  const created = await create${T}({ ownerId: "owner-2", ${sample} });`,
    `  const updated = await change${T}Status(created.id, "active");`,
    `  assert.equal(updated.status, "active");`,
    "});",
  );
}

function scriptFile(d: Domain): string {
  const T = d.type;
  return lines(
    `import { ${d.name}Repository } from "../repositories/${d.name}Repository.js";`,
    `import { change${T}Status } from "../services/${d.name}Service.js";`,
    "",
    `/** One-off backfill: activate pending ${d.kebab}s (run with \`node scripts/backfill${T}s.js\`). */`,
    "async function main(): Promise<void> {",
    `  const pending = await ${d.name}Repository.listByStatus("pending", 1000);`,
    "  for (const item of pending) {",
    `    await change${T}Status(item.id, "active");`,
    "  }",
    "  console.log(`activated ${pending.length}`);",
    "}",
    "",
    "main().catch((error) => {",
    "  console.error(error);",
    "  process.exitCode = 1;",
    "});",
  );
}
