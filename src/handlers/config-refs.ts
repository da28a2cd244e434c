import { globby } from "globby";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { readIacRefs } from "./iac-refs.js";

/**
 * Handler references from deployment configs: serverless.yml `handler:` and SAM `Handler:` entries,
 * and `handler:` strings in AWS CDK and SST code (iac-refs.ts).
 */
export interface HandlerRefs {
  /** Export names a config assigns to this module (path without extension), if any config names it. */
  exportsFor(file: string): Set<string> | undefined;
  /** The same, as data (module path without extension → export names): what a worker thread is given. */
  modules: ReadonlyMap<string, Set<string>>;
  /** Problems reading config files (reported, never fatal). */
  problems: { file: string; message: string }[];
}

const CONFIG_GLOB = "**/{serverless,template}.{yml,yaml}";

/**
 * Find serverless.yml / template.yaml files in and above the given roots and read their handler
 * entries; `sourceFiles` (the run's files) are searched for CDK and SST handler references.
 */
export async function readHandlerRefs(roots: string[], ignore: string[], sourceFiles: string[] = []): Promise<HandlerRefs> {
  const configs = new Set<string>();
  const problems: HandlerRefs["problems"] = [];
  for (const root of roots) {
    const dir = statSync(root, { throwIfNoEntry: false })?.isDirectory() ? root : path.dirname(root);
    // Best effort: a folder that cannot be read is reported by file discovery, not here.
    const found = await globby(CONFIG_GLOB, { cwd: dir, ignore, absolute: true, gitignore: true, suppressErrors: true }).catch(() => []);
    for (const f of found) configs.add(f);
    for (let up = dir; ; up = path.dirname(up)) {
      for (const name of ["serverless.yml", "serverless.yaml", "template.yaml", "template.yml"]) {
        if (existsSync(path.join(up, name))) configs.add(path.join(up, name));
      }
      if (existsSync(path.join(up, "package.json")) || existsSync(path.join(up, ".git")) || path.dirname(up) === up) break;
    }
  }
  const byModule = new Map<string, Set<string>>();
  for (const config of configs) {
    try {
      for (const ref of handlerStrings(config)) {
        const dot = ref.handler.lastIndexOf(".");
        if (dot <= 0) continue;
        const modulePath = path.resolve(path.dirname(config), ref.codeUri ?? "", ref.handler.slice(0, dot));
        const names = byModule.get(modulePath) ?? new Set<string>();
        names.add(ref.handler.slice(dot + 1));
        byModule.set(modulePath, names);
      }
    } catch (error) {
      problems.push({ file: config, message: `cannot read handler entries: ${(error as Error).message.split("\n")[0]}` });
    }
  }
  for (const ref of readIacRefs(sourceFiles)) {
    const names = byModule.get(ref.module) ?? new Set<string>();
    names.add(ref.exportName);
    byModule.set(ref.module, names);
  }
  return { exportsFor: exportsOfModules(byModule), modules: byModule, problems };
}

/** `exportsFor` over HandlerRefs' `modules`. */
export function exportsOfModules(modules: ReadonlyMap<string, Set<string>>): HandlerRefs["exportsFor"] {
  return (file) => modules.get(file.slice(0, file.length - path.extname(file).length));
}

interface HandlerString {
  handler: string;
  codeUri?: string;
}

function handlerStrings(config: string): HandlerString[] {
  // A named pipe would block the read forever.
  if (!statSync(config).isFile()) throw new Error("not a regular file");
  // Intrinsic short forms (!Ref, !GetAtt, !Sub ...) are unknown tags to a plain YAML parser: keep them as strings.
  const parsed = parseDocument(readFileSync(config, "utf8"), { logLevel: "silent", strict: false, uniqueKeys: false });
  if (parsed.errors.length > 0) throw parsed.errors[0];
  const doc = parsed.toJS() as unknown;
  if (!doc || typeof doc !== "object") return [];
  const out: HandlerString[] = [];
  const record = doc as Record<string, unknown>;
  const functions = record.functions;
  // serverless-azure-functions (`provider: { name: azure }`): Azure Functions, not Lambda handlers (azure.ts reads them).
  const provider = record.provider;
  const azure = (typeof provider === "string" ? provider : (provider as Record<string, unknown> | null)?.name) === "azure";
  if (functions && typeof functions === "object" && !azure) {
    for (const fn of Object.values(functions as Record<string, unknown>)) {
      const handler = (fn as Record<string, unknown> | null)?.handler;
      if (typeof handler === "string") out.push({ handler });
    }
  }
  const globals = ((record.Globals as Record<string, unknown> | undefined)?.Function ?? {}) as Record<string, unknown>;
  const resources = record.Resources;
  if (resources && typeof resources === "object") {
    for (const resource of Object.values(resources as Record<string, unknown>)) {
      const r = resource as Record<string, unknown> | null;
      if (r?.Type !== "AWS::Serverless::Function" && r?.Type !== "AWS::Lambda::Function") continue;
      const props = (r.Properties ?? {}) as Record<string, unknown>;
      const handler = props.Handler ?? globals.Handler;
      const codeUri = props.CodeUri ?? globals.CodeUri ?? (typeof props.Code === "string" ? props.Code : undefined);
      if (typeof handler === "string") out.push({ handler, codeUri: typeof codeUri === "string" ? codeUri : undefined });
    }
  }
  return out;
}
