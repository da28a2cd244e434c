import path from "node:path";
import { Node, SyntaxKind, ts, type Project, type SourceFile } from "ts-morph";
import { findLocalFunction, unwrapExpression, type FunctionLike } from "./entry-point.js";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * The project file a relative module specifier names (`./impl`, `./impl.js` for `impl.ts`,
 * `./dir` for `dir/index.ts`), resolved by path among the Project's files: no checker, no
 * package resolution; or a tsconfig `paths` alias (`@/lib/handlers`), resolved the way the
 * compiler resolves it. Undefined for other bare specifiers and files outside the Project.
 */
export function resolveLocalModule(file: SourceFile, specifier: string): SourceFile | undefined {
  const project = file.getProject();
  if (!specifier.startsWith(".")) return resolvePathAlias(project, file, specifier);
  const base = path.posix.join(path.posix.dirname(file.getFilePath()), specifier);
  const stem = base.replace(/\.[cm]?[jt]sx?$/, "");
  const candidates = [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => path.posix.join(base, `index${e}`))];
  for (const candidate of candidates) {
    const found = project.getSourceFile(candidate);
    if (found && !found.isDeclarationFile() && !found.isInNodeModules()) return found;
  }
  return undefined;
}

/**
 * A specifier that one of the tsconfig's `paths` patterns matches, resolved by the compiler's module
 * resolution over the Project's file system (a package name no pattern matches is never looked up).
 */
function resolvePathAlias(project: Project, file: SourceFile, specifier: string): SourceFile | undefined {
  const options = project.getCompilerOptions();
  const patterns = Object.keys(options.paths ?? {});
  if (!patterns.some((p) => matchesPattern(p, specifier))) return undefined;
  const fs = project.getFileSystem();
  const host: ts.ModuleResolutionHost = {
    fileExists: (f) => fs.fileExistsSync(f),
    readFile: (f) => (fs.fileExistsSync(f) ? fs.readFileSync(f) : undefined),
    directoryExists: (d) => fs.directoryExistsSync(d),
    realpath: (f) => f,
    getCurrentDirectory: () => fs.getCurrentDirectory(),
  };
  const resolved = ts.resolveModuleName(specifier, file.getFilePath(), options, host).resolvedModule?.resolvedFileName;
  const found = resolved ? project.getSourceFile(resolved) : undefined;
  return found && !found.isDeclarationFile() && !found.isInNodeModules() ? found : undefined;
}

function matchesPattern(pattern: string, specifier: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0) return pattern === specifier;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
}

/** Where a local name of the file comes from when it is imported from a relative module: that module and the export's name. */
export function importedBinding(file: SourceFile, name: string): { module: SourceFile; exportName: string } | undefined {
  for (const imp of file.getImportDeclarations()) {
    if (imp.isTypeOnly()) continue;
    const specifier = imp.getModuleSpecifierValue();
    let exportName: string | undefined;
    if (imp.getDefaultImport()?.getText() === name) exportName = "default";
    for (const named of imp.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) === name) exportName = named.getName();
    }
    if (exportName) {
      const module = resolveLocalModule(file, specifier);
      return module ? { module, exportName } : undefined;
    }
  }
  // `const { run } = require("./x")`, `const run = require("./x").run`.
  const variable = file.getVariableDeclaration((d) => {
    const nameNode = d.getNameNode();
    return Node.isIdentifier(nameNode) ? nameNode.getText() === name : Node.isObjectBindingPattern(nameNode) && nameNode.getElements().some((e) => e.getName() === name);
  });
  const init = variable?.getInitializer();
  if (!variable || !init) return undefined;
  const nameNode = variable.getNameNode();
  if (Node.isObjectBindingPattern(nameNode)) {
    const specifier = requiredModule(init);
    const element = nameNode.getElements().find((e) => e.getName() === name)!;
    const module = specifier !== undefined ? resolveLocalModule(file, specifier) : undefined;
    return module ? { module, exportName: element.getPropertyNameNode()?.getText() ?? name } : undefined;
  }
  return requiredMember(file, init);
}

/** `require("./x")`: the specifier. */
export function requiredModule(node: Node): string | undefined {
  if (!Node.isCallExpression(node) || node.getExpression().getText() !== "require") return undefined;
  const [arg] = node.getArguments();
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
}

/** `require("./x").run`: module x and `run`. */
export function requiredMember(file: SourceFile, node: Node): { module: SourceFile; exportName: string } | undefined {
  if (!Node.isPropertyAccessExpression(node)) return undefined;
  const specifier = requiredModule(node.getExpression());
  const module = specifier !== undefined ? resolveLocalModule(file, specifier) : undefined;
  return module ? { module, exportName: node.getName() } : undefined;
}

/** Whether a node is `module.exports` (for `Object.assign(module.exports, {...})`). */
export function isModuleExports(node: Node): boolean {
  return node.getKind() === SyntaxKind.PropertyAccessExpression && node.getText().replace(/\s+/g, "") === "module.exports";
}

/** The value of a `module.exports = <value>;` statement (parentheses and casts unwrapped); undefined for any other statement. */
export function moduleExportsValue(statement: Node): Node | undefined {
  const expr = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
  if (!expr || !Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  if (expr.getLeft().getText().replace(/\s+/g, "") !== "module.exports") return undefined;
  return unwrapExpression(expr.getRight()) ?? expr.getRight();
}

/** The function a module exports as a whole: `module.exports = function (…) { … }`, or `= runBuild` for a function of the file. */
export function moduleExportsFunction(file: SourceFile): FunctionLike | undefined {
  for (const statement of file.getStatements()) {
    const value = moduleExportsValue(statement);
    if (!value) continue;
    if (Node.isFunctionExpression(value) || Node.isArrowFunction(value)) return value;
    if (Node.isIdentifier(value)) return findLocalFunction(file, value.getText())?.fn;
  }
  return undefined;
}
