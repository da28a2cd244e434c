import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";

/** A handler an infrastructure-as-code program names: the module (absolute, without extension) and its export. */
export interface IacRef {
  module: string;
  exportName: string;
}

/** Source files that may define Lambda functions in code: AWS CDK (v2, v1) and SST. */
const MARKERS = /aws-cdk-lib|@aws-cdk\/|\bsst\b/;
const MAX_BYTES = 1_000_000;

/**
 * Handler references in AWS CDK and SST code, read syntactically (no checker, no execution):
 * `new lambda.Function(this, "F", { handler: "index.main", code: lambda.Code.fromAsset("lambda") })`,
 * `new NodejsFunction(this, "F", { entry: "lambda/api.ts", handler: "main" })` (and its default
 * entry `<stack file>.<id>.ts`), SST's `handler: "packages/functions/src/api.handler"` and
 * `api.route("GET /", "src/get.handler")`. Paths that are not plain strings or `path.join(__dirname, …)`
 * are skipped: settle cannot know them without running the program.
 */
export function readIacRefs(files: string[]): IacRef[] {
  const refs: IacRef[] = [];
  for (const file of files) {
    if (!/\.[cm]?[jt]sx?$/.test(file) || /\.d\.[cm]?ts$/.test(file)) continue;
    let text: string;
    try {
      if (statSync(file).size > MAX_BYTES) continue;
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    if (!MARKERS.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    refs.push(...refsIn(source, text));
  }
  const unique = new Map(refs.map((r) => [`${r.module}#${r.exportName}`, r]));
  return [...unique.values()];
}

function refsIn(source: ts.SourceFile, text: string): IacRef[] {
  const file = source.fileName;
  const dir = path.dirname(file);
  const cdkRoot = ancestorWith(dir, ["cdk.json"]) ?? dir;
  const sstRoot = /\bsst\b/.test(text) ? ancestorWith(dir, ["sst.config.ts", "sst.config.js", "sst.json"]) : undefined;
  const refs: IacRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression.getText(source);
      const options = node.arguments?.find(ts.isObjectLiteralExpression);
      if (/(^|\.)NodejsFunction$/.test(callee)) {
        const entry = options && pathOf(prop(options, "entry"), dir, cdkRoot);
        const id = node.arguments?.[1];
        const defaultEntry = id && ts.isStringLiteralLike(id) ? path.join(dir, `${path.basename(file).replace(/\.[^.]+$/, "")}.${id.text}`) : undefined;
        const handler = (options && stringOf(prop(options, "handler"))) ?? "handler";
        // An `entry` settle cannot resolve is not the default one.
        const module = entry ? entry.replace(/\.[cm]?[jt]sx?$/, "") : options && prop(options, "entry") ? undefined : defaultEntry;
        if (module) refs.push({ module, exportName: handler.includes(".") ? handler.slice(handler.lastIndexOf(".") + 1) : handler });
      } else if (options && /(^|\.)Function$/.test(callee)) {
        const handler = stringOf(prop(options, "handler"));
        const code = prop(options, "code");
        const asset = code && ts.isCallExpression(code) && /(^|\.)fromAsset$/.test(code.expression.getText(source)) ? pathOf(code.arguments[0], dir, cdkRoot) : undefined;
        const base = asset ?? sstRoot;
        if (handler && base) refs.push(...split(base, handler));
      }
    } else if (sstRoot && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "route") {
      const target = node.arguments[1];
      const handler = stringOf(target) ?? (target && ts.isObjectLiteralExpression(target) ? stringOf(prop(target, "handler")) : undefined);
      if (handler) refs.push(...split(sstRoot, handler));
    } else if (sstRoot && ts.isPropertyAssignment(node) && propName(node) === "handler" && !isInsideFunctionOptions(node)) {
      const handler = stringOf(node.initializer);
      if (handler?.includes("/")) refs.push(...split(sstRoot, handler));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** `handler:` inside `new X.Function(...)` options is read there, with its `code` directory. */
function isInsideFunctionOptions(node: ts.PropertyAssignment): boolean {
  const object = node.parent;
  return ts.isObjectLiteralExpression(object) && ts.isNewExpression(object.parent) && /(^|\.)(Nodejs)?Function$/.test(object.parent.expression.getText());
}

/** "dir/index.main" under `base`: module `base/dir/index`, export `main`. */
function split(base: string, handler: string): IacRef[] {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || handler.endsWith(".")) return [];
  return [{ module: path.resolve(base, handler.slice(0, dot)), exportName: handler.slice(dot + 1) }];
}

function prop(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) if (ts.isPropertyAssignment(p) && propName(p) === name) return p.initializer;
  return undefined;
}

function propName(p: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) ? p.name.text : undefined;
}

function stringOf(node: ts.Node | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

/**
 * An absolute path from a string (relative to where `cdk` runs: the cdk.json folder) or from
 * `path.join(__dirname, …)` / `path.resolve(__dirname, …)` / `join(__dirname, …)` (relative to the file).
 */
function pathOf(node: ts.Node | undefined, dir: string, root: string): string | undefined {
  if (!node) return undefined;
  const literal = stringOf(node);
  if (literal !== undefined) return path.resolve(root, literal);
  if (!ts.isCallExpression(node) || !/^(path\.)?(join|resolve)$/.test(node.expression.getText())) return undefined;
  const [first, ...rest] = node.arguments;
  if (!first || !ts.isIdentifier(first) || first.text !== "__dirname") return undefined;
  const parts = rest.map(stringOf);
  return parts.every((p): p is string => p !== undefined) ? path.resolve(dir, ...parts) : undefined;
}

function ancestorWith(dir: string, names: string[]): string | undefined {
  for (let up = dir; ; up = path.dirname(up)) {
    if (names.some((n) => existsSync(path.join(up, n)))) return up;
    if (existsSync(path.join(up, ".git")) || path.dirname(up) === up) return undefined;
  }
}
