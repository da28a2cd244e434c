import path from "node:path";
import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { isTestCaller } from "../../src/handlers/lambda.js";
import { declarationNodes } from "../../src/types/index.js";
import { computedPropertyUses, modulePropertyAccesses, namesModule, specifierNames } from "./convert.js";
import { CONTEXT_METHODS } from "./context-handoff.js";
import { fileLine } from "./sites.js";

/**
 * The project's own tests that call a handler settle converts the old way: with a callback
 * (`handler(event, context, (err, res) => …)`), with a context whose succeed/fail/done end the test
 * (`handler(event, { succeed: … })`, `handler(event, contextCreator(check))` whose result the test drops),
 * or handed with such a context to a test helper (aws-lambda-pify's `promisify(mod.handler, ctx)`).
 * Test files are no callers for the conversion (isTestCaller), so those tests now hang or fail: the
 * converted handler answers only through the promise it returns. Only test files whose text names the
 * export (or, for a whole-module export, the module's file) are read. As `file:line`, in file order.
 */
export function legacyTestCalls(fn: FunctionLike, exportName: string): string[] {
  const file = fn.getSourceFile();
  const uses: Node[] = [];
  // A test that requires or imports the file names it in the specifier: `../functions/orders`, `./api` for api/index.js.
  const base = file.getBaseName().replace(/\.[cm]?[jt]sx?$/, "");
  const stem = base === "index" ? `(?:index|${escape(path.basename(path.dirname(file.getFilePath())))})` : escape(base);
  const names = (what: string) => new RegExp(`^(?=[\\s\\S]*?['"/]${stem}[./'"])(?=[\\s\\S]*?${what})`, "i");
  if (exportName === "default") {
    // `export default (event, context) => …`: `import handler from "../index.mjs"`.
    for (const other of testFiles(fn, names("require|import"))) {
      for (const call of other.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = call.getExpression();
        if ((Node.isIdentifier(callee) || Node.isCallExpression(callee)) && namesModule(callee, file, true)) uses.push(callee);
      }
    }
  } else {
    const word = names(`(?<![\\w$])${escape(exportName)}(?![\\w$])`);
    // `mod.handler` through a require or import of the handler's file (`require("../functions/x").handler`).
    uses.push(...modulePropertyAccesses(fn, exportName, word, true));
    // `lambda[functionHandler](event, context, callback)`: a runner that reads the export by a computed key.
    uses.push(...computedPropertyUses(fn, exportName, true));
    // `import { handler } from "../src/index"`, `const { handler } = require("../index")`.
    for (const other of testFiles(fn, word)) {
      const bindings = [...other.getDescendantsOfKind(SyntaxKind.ImportSpecifier), ...other.getDescendantsOfKind(SyntaxKind.BindingElement)].filter((d) => importsExport(d, exportName, file));
      const locals = new Set(bindings.map((d) => d.getNameNode().getText()));
      if (locals.size === 0) continue;
      for (const id of other.getDescendantsOfKind(SyntaxKind.Identifier)) {
        const parent = id.getParent();
        if (!locals.has(id.getText()) || !parent || Node.isImportSpecifier(parent) || Node.isBindingElement(parent) || (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id)) continue;
        if (declarationNodes(id).some((d) => !!d && bindings.includes(d as never))) uses.push(id);
      }
    }
  }
  const sites = uses.filter((u) => callsTheOldWay(u, fn.isAsync())).sort((a, b) => (a.getSourceFile().getFilePath() < b.getSourceFile().getFilePath() ? -1 : a.getSourceFile() === b.getSourceFile() ? a.getStart() - b.getStart() : 1));
  return [...new Set(sites.map(fileLine))];
}

/** The note for a converted handler that tests call the old way; undefined when none does. */
export function legacyTestCallsNote(fn: FunctionLike, exportName: string): string | undefined {
  const sites = legacyTestCalls(fn, exportName);
  if (sites.length === 0) return undefined;
  const shown = sites.length > 3 ? `${sites.slice(0, 3).join(", ")} and ${sites.length - 3} more` : sites.join(", ");
  const name = exportName === "default" ? "handler" : exportName;
  return `${name} is now an async (event, context) handler, but the project's tests still call it the old way, with a callback or a context whose succeed/fail/done end the test (${shown}): those tests now hang or fail, as the handler answers only through the promise it returns; in the tests, \`const result = await ${name}(event, context)\` instead of the callback, \`await expect(${name}(event, context)).rejects\` for errors`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function testFiles(fn: FunctionLike, quick: RegExp): SourceFile[] {
  return fn.getProject().getSourceFiles().filter((f) => f !== fn.getSourceFile() && !f.isInNodeModules() && !f.isDeclarationFile() && isTestCaller(f.getFilePath(), fn.getSourceFile().getFilePath()) && quick.test(f.getFullText()));
}

/** `d` is `import { exportName [as x] } from spec` or `const { exportName[: x] } = require(spec)`, spec naming `file`. */
function importsExport(d: Node, exportName: string, file: SourceFile): boolean {
  if (Node.isImportSpecifier(d)) {
    const spec = d.getImportDeclaration().getModuleSpecifierValue();
    return d.getName() === exportName && specifierNames(spec, d.getSourceFile(), file, true);
  }
  if (Node.isBindingElement(d)) {
    const key = d.getPropertyNameNode()?.getText() ?? d.getName();
    const declaration = d.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    const init = declaration?.getInitializer();
    if (key !== exportName || !init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") return false;
    const [arg] = init.getArguments();
    return !!arg && Node.isStringLiteral(arg) && specifierNames(arg.getLiteralText(), d.getSourceFile(), file, true);
  }
  return false;
}

/** The expression that gives the handler is called with a callback or a context mock, or handed on with a context mock. */
function callsTheOldWay(use: Node, wasAsync: boolean): boolean {
  let expr = use;
  while (Node.isParenthesizedExpression(expr.getParent())) expr = expr.getParent()!;
  const parent = expr.getParent();
  if (!parent || !Node.isCallExpression(parent)) return false;
  const args = parent.getArguments();
  if (parent.getExpression() === expr) {
    const context = args[1];
    if (context && isContextMock(context)) return true;
    const dropped = Node.isExpressionStatement(parent.getParent());
    // An async handler that only lost an unused third parameter still answers through the promise a test awaits.
    if (args.length > 2) return !wasAsync || dropped;
    // The result dropped: the test sees only what the context is told.
    return !!context && dropped;
  }
  return args.includes(expr as never) && args.some((a) => a !== expr && isContextMock(a));
}

/**
 * An object literal with succeed/fail/done, or a variable holding one or the result of a context factory
 * (`contextCreator(check)`, aws-lambda-mock-context's `context()`).
 */
function isContextMock(node: Node, depth = 0): boolean {
  if (Node.isObjectLiteralExpression(node)) {
    return node.getProperties().some((p) => (Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p) || Node.isShorthandPropertyAssignment(p)) && CONTEXT_METHODS.has(p.getName()));
  }
  if (Node.isCallExpression(node)) return /context|ctx/i.test(node.getExpression().getText());
  if (!Node.isIdentifier(node) || depth > 0) return false;
  return declarationNodes(node).some((d) => {
    const init = d && Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
    return !!init && isContextMock(init, depth + 1);
  });
}
