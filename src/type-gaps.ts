import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Why types are unknown, said once: a package analysed without its node_modules (every import is
 * `any`), or dependencies that ship no types. Facts from the file system, not the checker.
 */
export interface TypeGap {
  rule: "no-node-modules" | "untyped-package";
  /** The package folder, relative to cwd with forward slashes ("." for cwd itself). */
  dir: string;
  message: string;
  fix: string;
  /** For untyped-package: the dependencies without types. */
  packages?: string[];
}

/** The type gaps of the packages that hold `files` (absolute paths). */
export function findTypeGaps(files: readonly string[], cwd: string): TypeGap[] {
  const rel = (dir: string) => path.relative(cwd, dir).split(path.sep).join("/") || ".";
  const packages = new Set<string>();
  const nearest = new Map<string, string | undefined>();
  for (const file of files) {
    const dir = nearestPackage(path.dirname(file), nearest);
    if (dir) packages.add(dir);
  }
  const gaps: TypeGap[] = [];
  for (const dir of [...packages].sort()) {
    const deps = dependenciesOf(dir);
    if (deps.length === 0) continue;
    if (!hasNodeModules(dir)) {
      gaps.push({
        rule: "no-node-modules",
        dir: rel(dir),
        message: `no node_modules under ${rel(dir)}: its ${deps.length} ${deps.length === 1 ? "dependency is" : "dependencies are"} of unknown type`,
        fix: `install dependencies for type-aware results (npm ci${rel(dir) === "." ? "" : ` in ${rel(dir)}`}), then run settle again`,
      });
      continue;
    }
    const untyped = deps.filter((name) => isUntyped(name, dir));
    if (untyped.length === 0) continue;
    const shown = untyped.slice(0, 5).join(", ") + (untyped.length > 5 ? ` and ${untyped.length - 5} more` : "");
    gaps.push({
      rule: "untyped-package",
      dir: rel(dir),
      message: `${shown} (${rel(dir)}) ${untyped.length === 1 ? "has" : "have"} no types: calls into ${untyped.length === 1 ? "it are" : "them are"} of unknown type`,
      fix: `install ${untyped.slice(0, 3).map(typesPackage).join(", ")}${untyped.length > 3 ? ", …" : ""} where they exist, for type-aware results`,
      packages: untyped,
    });
  }
  return gaps;
}

function nearestPackage(dir: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  const found = existsSync(path.join(dir, "package.json")) ? dir : path.dirname(dir) === dir ? undefined : nearestPackage(path.dirname(dir), cache);
  cache.set(dir, found);
  return found;
}

/** Runtime dependencies: what handler code imports (devDependencies are mostly tools). */
function dependenciesOf(dir: string): string[] {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    return pkg.dependencies && typeof pkg.dependencies === "object" ? Object.keys(pkg.dependencies).sort() : [];
  } catch {
    return [];
  }
}

/** node_modules here or in a folder above (a workspace's hoisted install). */
function hasNodeModules(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (isDirectory(path.join(at, "node_modules"))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/** Installed and without types of its own or an @types package; not installed counts as not known. */
function isUntyped(name: string, dir: string): boolean {
  const installed = resolvePackage(name, dir);
  if (!installed || name.startsWith("@types/")) return false;
  try {
    const pkg = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as Record<string, unknown>;
    if (pkg.types || pkg.typings || hasTypesExport(pkg.exports)) return false;
  } catch {
    return false;
  }
  if (existsSync(path.join(installed, "index.d.ts"))) return false;
  return !resolvePackage(typesPackage(name), dir);
}

function hasTypesExport(exports: unknown): boolean {
  return JSON.stringify(exports ?? null).includes('"types"');
}

function typesPackage(name: string): string {
  return name.startsWith("@") ? `@types/${name.slice(1).replace("/", "__")}` : `@types/${name}`;
}

function resolvePackage(name: string, dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(at) === at) return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
