import path from "node:path";
import { Node, ts, type ClassDeclaration, type FileSystemHost, type Project, type SourceFile } from "ts-morph";
import type { DeferSupport, EntryNote, EntryPoint } from "./entry-point.js";
import type { PackageFacts } from "./package-facts.js";
import { isExportedDeclaration } from "./syntactic-exports.js";

/** The methods the Workers runtime calls on a Durable Object, each once per event. */
const DO_METHODS = new Set(["fetch", "alarm", "webSocketMessage", "webSocketClose", "webSocketError"]);

/** Methods only a Durable Object has (`fetch` alone is any HTTP client's). */
const DO_ONLY = new Set(["alarm", "webSocketMessage", "webSocketClose", "webSocketError"]);

const NO_CTX: DeferSupport = {
  kind: "none",
  why: 'this Durable Object class does not extend DurableObject from "cloudflare:workers", so it has no this.ctx to call waitUntil on (extend it to defer with this.ctx.waitUntil)',
};

/**
 * Durable Object entry points: the `fetch`/`alarm`/`webSocketMessage`/`webSocketClose`/`webSocketError`
 * methods of an exported class that extends `DurableObject` from "cloudflare:workers", implements the
 * `DurableObject` interface in a Workers package, or is named by a `durable_objects` binding (or a
 * migration) in the package's wrangler config. Only a class that extends the runtime's base class has
 * `this.ctx`; the others await. `notes` gets the exported classes of a Workers package that have
 * Durable Object methods but none of these marks (`--verbose`).
 */
export function findDurableObjectMethods(file: SourceFile, facts: PackageFacts, workers: boolean, notes?: EntryNote[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  let configured: Set<string> | undefined;
  for (const cls of file.getClasses()) {
    if (!isExportedDeclaration(cls)) continue;
    const base = extendsRuntimeDurableObject(cls);
    const typed = base || (workers && implementsDurableObject(cls));
    if (!typed) {
      configured ??= facts.wrangler && facts.root ? durableObjectClasses(file.getProject(), facts.root) : new Set();
      if (!cls.getName() || !configured.has(cls.getName()!)) {
        // Only a Workers package's note needs the methods (wrapping every class member of every file was a good part of finding entry points).
        const looksLike = workers && notes ? cls.getMethods().filter((m) => DO_ONLY.has(m.getName()) && !m.isStatic()).map((m) => m.getName()) : [];
        if (workers && looksLike.length > 0) {
          notes?.push({
            kind: "declined",
            node: cls.getNameNode() ?? cls,
            exportName: cls.getName() ?? "default",
            reason: `has Durable Object methods (${looksLike.join(", ")}) but does not extend DurableObject from "cloudflare:workers", implement DurableObject or appear as class_name in a wrangler durable_objects binding; bind it there for settle to treat its methods as entry points`,
          });
        }
        continue;
      }
    }
    for (const method of cls.getMethods()) {
      if (!DO_METHODS.has(method.getName()) || method.isStatic() || !method.hasBody()) continue;
      out.push({
        platform: "workers",
        exportName: `${cls.getName() ?? "default"}.${method.getName()}`,
        fn: method,
        wrapped: false,
        evidence: typed ? "type" : "config",
        defer: base ? { kind: "this.ctx.waitUntil" } : NO_CTX,
      });
    }
  }
  return out;
}

/** `extends DurableObject` (or `extends DurableObject<Env>`) where the name is imported from "cloudflare:workers". */
function extendsRuntimeDurableObject(cls: ClassDeclaration): boolean {
  const base = cls.getExtends()?.getExpression();
  if (!base || !Node.isIdentifier(base)) return false;
  return importedFromWorkers(cls.getSourceFile(), base.getText(), "DurableObject");
}

function importedFromWorkers(file: SourceFile, local: string, exported: string): boolean {
  for (const decl of file.getImportDeclarations()) {
    if (decl.getModuleSpecifierValue() !== "cloudflare:workers") continue;
    for (const named of decl.getNamedImports()) {
      if (named.getName() === exported && (named.getAliasNode()?.getText() ?? exported) === local) return true;
    }
  }
  return false;
}

function implementsDurableObject(cls: ClassDeclaration): boolean {
  return cls.getImplements().some((i) => i.getExpression().getText() === "DurableObject");
}

// Keyed by Project, then package root: read once per package and run.
const configs = new WeakMap<Project, Map<string, Set<string>>>();

/** The class names a package's wrangler config binds as Durable Objects (any environment) or migrates. */
export function durableObjectClasses(project: Project, root: string): Set<string> {
  let cache = configs.get(project);
  if (!cache) configs.set(project, (cache = new Map()));
  let names = cache.get(root);
  if (!names) cache.set(root, (names = readConfig(project.getFileSystem(), root)));
  return names;
}

function readConfig(fs: FileSystemHost, root: string): Set<string> {
  const names = new Set<string>();
  for (const name of ["wrangler.json", "wrangler.jsonc"]) {
    const text = read(fs, path.join(root, name));
    if (text === undefined) continue;
    const parsed = ts.parseConfigFileTextToJson(name, text).config as unknown;
    collectJson(parsed, names);
  }
  const toml = read(fs, path.join(root, "wrangler.toml"));
  if (toml !== undefined) collectToml(toml, names);
  return names;
}

function read(fs: FileSystemHost, file: string): string | undefined {
  try {
    return fs.fileExistsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/** `durable_objects.bindings[].class_name` and `migrations[].new_classes`/`new_sqlite_classes`, at the top and under `env.<name>`. */
function collectJson(config: unknown, names: Set<string>): void {
  if (!config || typeof config !== "object") return;
  const c = config as Record<string, unknown>;
  const bindings = (c.durable_objects as Record<string, unknown> | undefined)?.bindings;
  if (Array.isArray(bindings)) {
    for (const b of bindings) {
      const cls = (b as Record<string, unknown> | null)?.class_name;
      // A binding with script_name names a class another Worker exports.
      if (typeof cls === "string" && !(b as Record<string, unknown>).script_name) names.add(cls);
    }
  }
  if (Array.isArray(c.migrations)) {
    for (const m of c.migrations as Record<string, unknown>[]) {
      for (const key of ["new_classes", "new_sqlite_classes"]) {
        const list = m?.[key];
        if (Array.isArray(list)) for (const n of list) if (typeof n === "string") names.add(n);
      }
    }
  }
  if (c.env && typeof c.env === "object") for (const e of Object.values(c.env)) collectJson(e, names);
}

/**
 * The same from TOML, line by line: `class_name` in a `[[durable_objects.bindings]]` table (also
 * `[[env.x.durable_objects.bindings]]`) or in an inline `bindings = [{ ... }]` of a `[durable_objects]`
 * table, and the class lists of `[[migrations]]`. Other tables (workflows also have `class_name`) are
 * not Durable Objects.
 */
function collectToml(text: string, names: Set<string>): void {
  let table = "";
  // A `[[...durable_objects.bindings]]` table's class, kept until the table ends: a `script_name` in it means another Worker's class.
  let pending: { cls?: string; external: boolean } | undefined;
  const flush = () => {
    if (pending?.cls && !pending.external) names.add(pending.cls);
    pending = undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      flush();
      table = header[1];
      if (/(^|\.)durable_objects\.bindings$/.test(table)) pending = { external: false };
      continue;
    }
    if (pending) {
      const cls = /^class_name\s*=\s*["']([^"']+)["']/.exec(line);
      if (cls) pending.cls = cls[1];
      if (/^script_name\s*=/.test(line)) pending.external = true;
    }
    if (/(^|\.)durable_objects$/.test(table) || /^durable_objects\s*=/.test(line)) {
      for (const m of line.matchAll(/\{([^}]*)\}/g)) {
        if (/\bscript_name\s*=/.test(m[1])) continue;
        const cls = /\bclass_name\s*=\s*["']([^"']+)["']/.exec(m[1]);
        if (cls) names.add(cls[1]);
      }
    }
    if (/(^|\.)migrations$/.test(table)) {
      const list = /^new_(?:sqlite_)?classes\s*=\s*\[([^\]]*)\]/.exec(line);
      if (list) for (const n of list[1].matchAll(/["']([^"']+)["']/g)) names.add(n[1]);
    }
  }
  flush();
}
