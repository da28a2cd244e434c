import type { Decorator, SourceFile } from "ts-morph";
import type { EntryPoint } from "./entry-point.js";
import type { PackageFacts } from "./package-facts.js";

const ROUTE_DECORATORS = new Set(["Get", "Post", "Put", "Patch", "Delete", "Options", "Head", "All", "Search", "Sse"]);
const MESSAGE_DECORATORS = new Set(["MessagePattern", "EventPattern"]);
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

/**
 * NestJS route handlers: methods of `@Controller()` classes with a route decorator (`@Get()`,
 * `@Post()`, ...) or a microservice pattern, in a package deployed to AWS Lambda (a serverless.yml
 * or SAM template, or a Lambda adapter dependency). A long-running Nest server is not frozen
 * between requests, so its controllers are left alone.
 */
export function findNestRoutes(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  const names = new Map<string, string>();
  for (const imp of file.getImportDeclarations()) {
    if (!/^@nestjs\/(common|microservices)$/.test(imp.getModuleSpecifierValue())) continue;
    for (const named of imp.getNamedImports()) names.set(named.getAliasNode()?.getText() ?? named.getName(), named.getName());
  }
  if (names.size === 0) return [];
  if (!facts.lambdaConfig && !LAMBDA_ADAPTERS.some((p) => facts.dependencies.has(p))) return [];
  const original = (d: Decorator) => names.get(d.getName());
  const out: EntryPoint[] = [];
  for (const cls of file.getClasses()) {
    if (!cls.getDecorators().some((d) => original(d) === "Controller")) continue;
    for (const method of cls.getMethods()) {
      if (!method.hasBody() || method.isStatic()) continue;
      const route = method.getDecorators().some((d) => {
        const name = original(d);
        return !!name && (ROUTE_DECORATORS.has(name) || MESSAGE_DECORATORS.has(name));
      });
      if (!route) continue;
      const defer = { kind: "none" as const, why: "NestJS on AWS Lambda has no primitive to run work after the response" };
      out.push({ platform: "nest", exportName: `${cls.getName() ?? "default"}.${method.getName()}`, fn: method, wrapped: false, evidence: "convention", defer });
    }
  }
  return out;
}
