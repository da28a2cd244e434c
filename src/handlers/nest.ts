import type { Decorator, SourceFile } from "ts-morph";
import type { EntryNote, EntryPoint } from "./entry-point.js";
import type { PackageFacts } from "./package-facts.js";

const ROUTE_DECORATORS = new Set(["Get", "Post", "Put", "Patch", "Delete", "Options", "Head", "All", "Search", "Sse"]);
const MESSAGE_DECORATORS = new Set(["MessagePattern", "EventPattern"]);
/** @nestjs/schedule: jobs the process's timers start. */
const SCHEDULE_DECORATORS = new Set(["Cron", "Interval", "Timeout"]);
const NEST_MODULES = /^@nestjs\/(common|microservices|schedule)$/;
/** Adapters that run a Nest (or any Node HTTP) app on AWS Lambda. */
const LAMBDA_ADAPTERS = [
  "@codegenie/serverless-express",
  "@vendia/serverless-express",
  "aws-serverless-express",
  "serverless-http",
  "@h4ad/serverless-adapter",
  "aws-lambda",
  "@types/aws-lambda",
];

/** The --verbose note on a scheduled job taken as an entry point (a fixed sentence: a findings-registry row). */
export const SCHEDULED_JOB_NOTE =
  "a @nestjs/schedule job in a package deployed to AWS Lambda: it runs only while some invocation is in flight, so its work is awaited inside the job; run it as an EventBridge-scheduled handler instead";

/**
 * NestJS entry points in a package deployed to AWS Lambda (a serverless.yml or SAM template, or a
 * Lambda adapter dependency): methods of `@Controller()` classes with a route decorator (`@Get()`,
 * `@Post()`, ...) or a microservice pattern (`@MessagePattern()`, `@EventPattern()`), and
 * `@Cron()` / `@Interval()` / `@Timeout()` jobs of `@Injectable()` classes. A frozen Lambda process
 * fires a job's timer only while some invocation is in flight, and nothing waits for the job: its
 * work is awaited inside the job (so it is at least in order and its errors reach the job), and
 * `notes` says to move the job to an EventBridge-scheduled handler. A long-running Nest server is
 * not frozen between requests, so none of this applies there and its classes are left alone.
 */
export function findNestRoutes(file: SourceFile, facts: PackageFacts, notes?: EntryNote[]): EntryPoint[] {
  const names = new Map<string, string>();
  for (const imp of file.getImportDeclarations()) {
    if (!NEST_MODULES.test(imp.getModuleSpecifierValue())) continue;
    for (const named of imp.getNamedImports()) names.set(named.getAliasNode()?.getText() ?? named.getName(), named.getName());
  }
  if (names.size === 0) return [];
  if (!facts.lambdaConfig && !LAMBDA_ADAPTERS.some((p) => facts.dependencies.has(p))) return [];
  const original = (d: Decorator) => names.get(d.getName());
  const out: EntryPoint[] = [];
  for (const cls of file.getClasses()) {
    const classKinds = new Set(cls.getDecorators().map(original));
    const controller = classKinds.has("Controller");
    const provider = controller || classKinds.has("Injectable");
    if (!provider) continue;
    for (const method of cls.getMethods()) {
      if (!method.hasBody() || method.isStatic()) continue;
      const kinds = method.getDecorators().map(original);
      const route = controller && kinds.some((name) => !!name && (ROUTE_DECORATORS.has(name) || MESSAGE_DECORATORS.has(name)));
      const job = kinds.some((name) => !!name && SCHEDULE_DECORATORS.has(name));
      if (!route && !job) continue;
      const exportName = `${cls.getName() ?? "default"}.${method.getName()}`;
      const defer = { kind: "none" as const, why: "NestJS on AWS Lambda has no primitive to run work after the response" };
      out.push({ platform: "nest", exportName, fn: method, wrapped: false, evidence: "convention", defer });
      if (job && !route) notes?.push({ kind: "followed", node: method.getNameNode(), exportName, reason: SCHEDULED_JOB_NOTE });
    }
  }
  return out;
}
