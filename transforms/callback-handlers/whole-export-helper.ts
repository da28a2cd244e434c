import path from "node:path";
import { Node, SyntaxKind, type CallExpression, type ExpressionStatement, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { EntryPoint } from "../../src/handlers/entry-point.js";
import { nameNodeOf } from "../../src/function-body.js";
import { findLocalFunction, isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { looksLikeHandler } from "../../src/handlers/handler-shape.js";
import { isTestCaller } from "../../src/handlers/lambda.js";
import { moduleExportsValue, requiredModule, resolveLocalModule } from "../../src/handlers/local-modules.js";
import { declarationNodes } from "../../src/types/index.js";
import { identifiersReferringTo } from "./sites.js";

/**
 * `module.exports = runBuild` where runBuild takes (buildData, context, cb) (lambci's actions/build.js and
 * rebuild.js): not an entry point (settle takes a handler by an export's name), called
 * only with a Lambda handler's own context and a callback, by that handler (also through `exports.build =
 * require("./build")` and a dispatch by a computed key, `actions[event.action](event, context, cb)`) or by
 * another such function with the context handed to it (rebuild's `build(buildData, context, cb)`): a helper
 * of those handlers, which keep their callback contract with it. It stays as it is, with the note
 * callback-helper.ts gives its like, at the export.
 */
export function reportWholeExportHelpers(file: SourceFile, ctx: TransformContext): void {
  if (!/module\.exports\s*=/.test(file.getFullText())) return;
  for (const { statement, fn } of wholeExports(file)) {
    if (ctx.isIgnored(statement) || ctx.isIgnored(fn)) continue;
    const callers = helperCallers(fn, ctx, new Set());
    if (!callers) continue;
    const name = nameOf(fn) ?? "the exported function";
    const viaHelper = callers.some((c) => !c.handler);
    const where = callers.map((c) => c.name);
    ctx.report(
      statement,
      `${name} takes a callback as its third parameter, and only Lambda handlers call it${viaHelper ? " (or functions like it that they hand their context to)" : ""}, each with its own context and a callback (${where.join(", ")}): a helper of those handlers, not one itself, so it stays as it is (Node.js 24 refuses three parameters only in the function Lambda calls); if a deployment also names it as a handler, export a separate async (event, context) handler for that`,
      { rule: "callback-helper" },
    );
  }
}

/** `runBuild` for `function runBuild` and for `module.exports = function runBuild (…)`. */
function nameOf(fn: FunctionLike): string | undefined {
  return nameNodeOf(fn)?.getText() ?? (Node.isFunctionExpression(fn) ? fn.getName() : undefined);
}

/** An entry point taken by its look alone, not named `handler` (callback-helper.ts's kind). */
function byShapeAlone(entry: EntryPoint): boolean {
  return entry.evidence === "convention" && entry.exportName !== "handler";
}

function isWholeExport(fn: FunctionLike): boolean {
  return wholeExports(fn.getSourceFile()).some((w) => w.fn === fn);
}

/**
 * Whether `fn`, taken for an entry point by its look alone, is such a helper: callback-handlers then leaves it to
 * reportWholeExportHelpers, which notes it at the export.
 */
export function isWholeExportHelper(entry: EntryPoint, ctx: TransformContext): boolean {
  return entry.platform === "lambda" && byShapeAlone(entry) && isWholeExport(entry.fn) && helperCallers(entry.fn, ctx, new Set()) !== undefined;
}

interface Caller {
  name: string;
  handler: boolean;
}

/** `module.exports = fn` statements of a file whose function has three or more parameters and a handler's look. */
function wholeExports(file: SourceFile): { statement: ExpressionStatement; fn: FunctionLike }[] {
  const out: { statement: ExpressionStatement; fn: FunctionLike }[] = [];
  for (const statement of file.getStatements()) {
    const fn = Node.isExpressionStatement(statement) ? wholeExportOf(statement) : undefined;
    if (fn && fn.getParameters().length >= 3 && looksLikeHandler("", fn)) out.push({ statement: statement as ExpressionStatement, fn });
  }
  return out;
}

function wholeExportOf(statement: ExpressionStatement): FunctionLike | undefined {
  const value = moduleExportsValue(statement);
  if (value && (Node.isFunctionExpression(value) || Node.isArrowFunction(value))) return value;
  if (value && Node.isIdentifier(value)) return findLocalFunction(statement.getSourceFile(), value.getText())?.fn;
  return undefined;
}

/**
 * Who calls `fn`, exported as its module: every use of the module is a call with a handler's own context second
 * (or one of a function like it), or undefined. Not for an entry point, nor with no caller at all.
 */
function helperCallers(fn: FunctionLike, ctx: TransformContext, seen: Set<FunctionLike>): Caller[] | undefined {
  // TypeScript 6 takes `module.exports = runBuild` for an export of the function declaration (by its symbol): a
  // convention entry point then, no different from one nothing takes (TypeScript 7).
  if (seen.has(fn) || ctx.invocation.entryPoints.some((e) => e.fn === fn && !byShapeAlone(e))) return undefined;
  seen.add(fn);
  const calls = callsOfModule(fn.getSourceFile());
  if (!calls || calls.length === 0) return undefined;
  const callers: Caller[] = [];
  for (const call of calls) {
    const caller = contextOwnerOf(call);
    if (!caller) return undefined;
    const entry = ctx.invocation.entryPoints.find((e) => e.platform === "lambda" && e.fn === caller && !(byShapeAlone(e) && isWholeExport(caller)));
    let name: string;
    let handler = false;
    if (entry) {
      name = `${entry.exportName} in ${caller.getSourceFile().getBaseName()}`;
      handler = true;
    } else {
      const statement = wholeExports(caller.getSourceFile()).find((w) => w.fn === caller);
      if (!statement || !helperCallers(caller, ctx, seen)) return undefined;
      name = `${nameOf(caller) ?? "its export"} in ${caller.getSourceFile().getBaseName()}`;
    }
    if (!callers.some((c) => c.name === name)) callers.push({ name, handler });
  }
  return callers.some((c) => c.handler) ? callers : undefined;
}

/** The function whose second parameter is the call's second argument (its context), when that function holds the call. */
function contextOwnerOf(call: CallExpression): FunctionLike | undefined {
  const args = call.getArguments();
  if (args.length < 3 || !Node.isIdentifier(args[1])) return undefined;
  const param = declarationNodes(args[1]).find((d) => d !== undefined && Node.isParameterDeclaration(d));
  const owner = param?.getParent();
  if (!owner || !isFunctionLike(owner) || owner.getParameters()[1] !== param) return undefined;
  return call.getFirstAncestor((a) => a === owner) ? owner : undefined;
}

/**
 * The calls of a module exported as a whole: `var build = require("./build"); build(…)`, and through a module
 * that re-exports it (`exports.build = require("./build")`), `actions.build(…)` or `actions[key](…)`. Undefined
 * when the module, or that re-export, is used any other way.
 */
function callsOfModule(module: SourceFile): CallExpression[] | undefined {
  const calls: CallExpression[] = [];
  for (const { require: req } of requiresOf(module)) {
    const parent = req.getParent();
    if (parent && Node.isVariableDeclaration(parent) && parent.getInitializer() === req) {
      const name = parent.getNameNode();
      if (!Node.isIdentifier(name)) return undefined;
      for (const ref of identifiersReferringTo(parent.getSourceFile(), parent, name)) {
        const call = ref.getParent();
        if (!call || !Node.isCallExpression(call) || call.getExpression() !== ref) return undefined;
        calls.push(call);
      }
      continue;
    }
    const member = parent && Node.isBinaryExpression(parent) && parent.getRight() === req ? /^(?:module\.)?exports\.([\w$]+)$/.exec(parent.getLeft().getText().replace(/\s+/g, "")) : null;
    if (!member || !Node.isExpressionStatement(parent!.getParent()) || parent!.getParent()!.getParent() !== req.getSourceFile()) return undefined;
    const through = memberCalls(req.getSourceFile(), member[1]);
    if (!through) return undefined;
    calls.push(...through);
  }
  return calls;
}

/** The `require("…")` calls of the project (not tests) that name `module`. */
function requiresOf(module: SourceFile): { require: CallExpression }[] {
  const out: { require: CallExpression }[] = [];
  const base = path.basename(module.getFilePath()).replace(/\.[cm]?[jt]sx?$/, "");
  const stem = base === "index" ? path.basename(path.dirname(module.getFilePath())) : base;
  for (const other of module.getProject().getSourceFiles()) {
    if (other === module || other.isDeclarationFile() || other.isInNodeModules() || isTestCaller(other.getFilePath(), module.getFilePath())) continue;
    const text = other.getFullText();
    if (!text.includes("require") || !text.includes(stem)) continue;
    for (const call of other.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const spec = requiredModule(call);
      if (spec !== undefined && spec.startsWith(".") && resolveLocalModule(other, spec) === module) out.push({ require: call });
    }
  }
  return out;
}

/**
 * The calls of export `name` of `module` through its requires: `m.name(…)`, or `m[key](…)` with a key that is not
 * another literal (`typeof m[key]` aside). Undefined when a binding of the module is used otherwise (handed on,
 * read whole), `m.name` is read without a call, or the module is required without a binding.
 */
function memberCalls(module: SourceFile, name: string): CallExpression[] | undefined {
  const calls: CallExpression[] = [];
  for (const { require: req } of requiresOf(module)) {
    const parent = req.getParent();
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === req) {
      if (parent.getName() !== name) continue;
      const call = parent.getParent();
      if (!call || !Node.isCallExpression(call) || call.getExpression() !== parent) return undefined;
      calls.push(call);
      continue;
    }
    if (!parent || !Node.isVariableDeclaration(parent) || parent.getInitializer() !== req) return undefined;
    const binding = parent.getNameNode();
    if (!Node.isIdentifier(binding)) return undefined;
    for (const ref of identifiersReferringTo(parent.getSourceFile(), parent, binding)) {
      let use: Node = ref.getParent()!;
      if (Node.isPropertyAccessExpression(use) && use.getExpression() === ref) {
        if (use.getName() !== name) continue;
      } else if (Node.isElementAccessExpression(use) && use.getExpression() === ref) {
        const key = use.getArgumentExpression();
        if (key && (Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key) || Node.isNumericLiteral(key)) && key.getLiteralText() !== name) continue;
      } else return undefined;
      let outer = use.getParent();
      while (outer && Node.isParenthesizedExpression(outer)) {
        use = outer;
        outer = outer.getParent();
      }
      if (outer && Node.isTypeOfExpression(outer)) continue;
      if (!outer || !Node.isCallExpression(outer) || outer.getExpression() !== use) return undefined;
      calls.push(outer);
    }
  }
  return calls;
}
