import path from "node:path";
import type { FileSystemHost, Project, SourceFile } from "ts-morph";
import { parseDocument } from "yaml";

/** What a file's package says about where it runs: read once per package and Project, not per file. */
export interface PackageFacts {
  /** The folder of the nearest package.json; undefined when there is none. */
  root?: string;
  /** Every declared dependency (all dependency fields) with its declared range. */
  dependencies: Map<string, string>;
  /** The version of `next` installed in a node_modules the package resolves from, if any. */
  installedNext?: string;
  /** A wrangler.toml / wrangler.json / wrangler.jsonc next to package.json (a Cloudflare Workers project). */
  wrangler: boolean;
  /** A vercel.json next to package.json. */
  vercelJson: boolean;
  /** A serverless.yml or SAM template.yaml next to package.json. */
  lambdaConfig: boolean;
  /**
   * The provider a serverless.yml next to package.json deploys to, when it names one other than AWS
   * (`provider: { name: twilio }`, `aliyun`, `openwhisk`, ...; lowercased), else undefined: AWS, no
   * serverless.yml, no literal name (`${opt:provider}`), or a file that does not parse.
   */
  otherServerlessProvider?: string;
  /** A netlify.toml next to package.json (a Netlify site). */
  netlifyToml: boolean;
  /** A host.json next to package.json (an Azure Functions app). */
  hostJson: boolean;
}

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
const NONE: PackageFacts = { dependencies: new Map(), wrangler: false, vercelJson: false, lambdaConfig: false, netlifyToml: false, hostJson: false };

// Keyed by Project: a run's Projects (and their file systems, real or in memory) live as long as the run.
const caches = new WeakMap<Project, Map<string, PackageFacts>>();

/** The facts of the package that holds a source file (its nearest package.json). */
export function packageFactsFor(file: SourceFile): PackageFacts {
  const project = file.getProject();
  let cache = caches.get(project);
  if (!cache) caches.set(project, (cache = new Map()));
  const fs = project.getFileSystem();
  const visited: string[] = [];
  let dir = path.dirname(file.getFilePath());
  let facts: PackageFacts | undefined;
  for (;;) {
    facts = cache.get(dir);
    if (facts) break;
    visited.push(dir);
    if (fs.fileExistsSync(path.join(dir, "package.json"))) {
      facts = readPackage(fs, dir);
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      facts = NONE;
      break;
    }
    dir = parent;
  }
  for (const d of visited) cache.set(d, facts);
  return facts;
}

function readPackage(fs: FileSystemHost, root: string): PackageFacts {
  const json = readJson(fs, path.join(root, "package.json"));
  const dependencies = new Map<string, string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = json?.[field];
    if (!deps || typeof deps !== "object") continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (!dependencies.has(name)) dependencies.set(name, String(range));
    }
  }
  const has = (...names: string[]) => names.some((n) => fs.fileExistsSync(path.join(root, n)));
  return {
    root,
    dependencies,
    installedNext: dependencies.has("next") ? installedVersion(fs, root, "next") : undefined,
    wrangler: has("wrangler.toml", "wrangler.json", "wrangler.jsonc"),
    vercelJson: has("vercel.json"),
    lambdaConfig: has("serverless.yml", "serverless.yaml", "template.yaml", "template.yml"),
    otherServerlessProvider: otherServerlessProvider(fs, root),
    netlifyToml: has("netlify.toml"),
    hostJson: has("host.json"),
  };
}

/** The version in node_modules/<name>/package.json, looked up the way Node resolves packages. */
function installedVersion(fs: FileSystemHost, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const version = readJson(fs, path.join(dir, "node_modules", name, "package.json"))?.version;
    if (typeof version === "string") return version;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function otherServerlessProvider(fs: FileSystemHost, root: string): string | undefined {
  const named = serverlessConfigsAt(fs, root)[0]?.provider;
  if (named === undefined || named.includes("${")) return undefined;
  const lower = named.trim().toLowerCase();
  return lower === "aws" || lower === "" ? undefined : lower;
}

/**
 * The serverless.yml / serverless.yaml files in `root` that parse, each with its document and the name its
 * `provider` gives (`provider: aws` or `provider: { name: aws }`; undefined when it names none as a string).
 */
export function serverlessConfigsAt(fs: FileSystemHost, root: string): { doc: Record<string, unknown>; provider?: string }[] {
  const out: { doc: Record<string, unknown>; provider?: string }[] = [];
  for (const name of ["serverless.yml", "serverless.yaml"]) {
    const config = path.join(root, name);
    try {
      if (!fs.fileExistsSync(config)) continue;
      const doc = parseDocument(fs.readFileSync(config, "utf8"), { logLevel: "silent", strict: false, uniqueKeys: false }).toJS() as unknown;
      if (!doc || typeof doc !== "object") continue;
      const provider = (doc as Record<string, unknown>).provider;
      const named = typeof provider === "string" ? provider : (provider as Record<string, unknown> | null)?.name;
      out.push({ doc: doc as Record<string, unknown>, provider: typeof named === "string" ? named : undefined });
    } catch {
      // A config that cannot be read names nothing (config-refs reports it for Lambda's side).
    }
  }
  return out;
}

function readJson(fs: FileSystemHost, file: string): Record<string, unknown> | undefined {
  try {
    if (!fs.fileExistsSync(file)) return undefined;
    const value = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
