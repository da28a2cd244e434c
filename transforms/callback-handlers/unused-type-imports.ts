import { Node, SyntaxKind, type ImportDeclaration, type ImportSpecifier, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The context with every edit of this transform on the file recorded (start, end and text, in the
 * original text), for `removeUnusedTypeImports` once the file's handlers are converted.
 */
export function recordingEdits(ctx: TransformContext): { ctx: TransformContext; edits: Edit[]; imported: Set<string> } {
  const edits: Edit[] = [];
  const imported = new Set<string>();
  const pos = (target: Node | number, edge: "start" | "end") => (typeof target === "number" ? target : edge === "start" ? target.getStart() : target.getEnd());
  // As guardChecker (src/checker-guard.ts) wraps it: the rest of the context is the given one's.
  const recorded: TransformContext = {
    ...ctx,
    replace: (target, text) => {
      const range = target instanceof Node ? { start: target.getStart(), end: target.getEnd() } : target;
      edits.push({ ...range, text });
      ctx.replace(target, text);
    },
    insertBefore: (target, text) => {
      const at = pos(target, "start");
      edits.push({ start: at, end: at, text });
      ctx.insertBefore(target, text);
    },
    insertAfter: (target, text) => {
      const at = pos(target, "end");
      edits.push({ start: at, end: at, text });
      ctx.insertAfter(target, text);
    },
    addImport: (moduleSpecifier, name) => {
      imported.add(moduleSpecifier);
      return ctx.addImport(moduleSpecifier, name);
    },
  };
  return { ctx: recorded, edits, imported };
}

/**
 * `import { Callback, Context } from "aws-lambda"` in a TypeScript handler typed `cb: Callback`: the conversion
 * removes the callback parameter, and with it the only use of `Callback`, which a tsconfig with `noUnusedLocals`
 * (the serverless aws-nodejs-typescript template's) then reports as an error, TS6133 (issue 11, unseen8:
 * apex-typescript-binary-deps, grand-serverless). A named import whose every reference in the file lies in text
 * the conversion deleted, each in a type position, is taken out of its import (the whole declaration when it was
 * the only name imported): a name used only as a type emits no JavaScript, so the output runs the same.
 * Imports the conversion did not touch (unused before, or still used) stay as they are.
 */
export function removeUnusedTypeImports(file: SourceFile, edits: Edit[], imported: Set<string>, ctx: TransformContext): void {
  if (!/\.[cm]?tsx?$/.test(file.getFilePath())) return;
  const deletions = edits.filter((e) => e.text === "" && e.end > e.start);
  if (deletions.length === 0) return;
  const deleted = (n: Node) => deletions.some((d) => d.start <= n.getStart() && n.getEnd() <= d.end);
  for (const declaration of file.getImportDeclarations()) {
    // Another edit in or at the declaration (a type import merged into it), or a name asked of its module: left alone.
    if (edits.some((e) => e.start <= declaration.getEnd() && e.end >= declaration.getStart())) continue;
    if (imported.has(declaration.getModuleSpecifierValue())) continue;
    const named = declaration.getNamedImports();
    const unused = named.filter((spec) => onlyDeletedTypeUses(file, spec, deleted) && !writtenAgain(spec, edits));
    if (unused.length === 0) continue;
    if (unused.length === named.length && !declaration.getDefaultImport() && !declaration.getNamespaceImport()) {
      removeDeclaration(declaration, ctx);
      continue;
    }
    removeSpecifiers(unused, named, ctx);
  }
}

/** Every reference of the specifier's local name is inside deleted text, as (part of) a type name; at least one. */
function onlyDeletedTypeUses(file: SourceFile, spec: ImportSpecifier, deleted: (n: Node) => boolean): boolean {
  const local = (spec.getAliasNode() ?? spec.getNameNode()).getText();
  const own = new Set<Node>([spec.getNameNode(), ...(spec.getAliasNode() ? [spec.getAliasNode()!] : [])]);
  const refs = file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id.getText() === local && !own.has(id));
  return refs.length > 0 && refs.every((id) => deleted(id) && isTypeName(id));
}

/** The name in the text of an edit (`Promise<APIGatewayProxyResult>` written for `cb: Callback<APIGatewayProxyResult>`). */
function writtenAgain(spec: ImportSpecifier, edits: Edit[]): boolean {
  const local = (spec.getAliasNode() ?? spec.getNameNode()).getText();
  const word = new RegExp(`(^|[^\\w$])${local.replace(/\$/g, "\\$")}($|[^\\w$])`);
  return edits.some((e) => word.test(e.text));
}

/** `Callback` in `cb: Callback` or `Callback<R>`, `AWSLambda.Callback`'s left part excluded. */
function isTypeName(id: Node): boolean {
  const parent = id.getParent();
  return !!parent && Node.isTypeReference(parent) && parent.getTypeName() === id;
}

function removeDeclaration(declaration: ImportDeclaration, ctx: TransformContext): void {
  const full = declaration.getSourceFile().getFullText();
  let end = declaration.getEnd();
  const lineEnd = (at: number) => (full.startsWith("\r\n", at) ? at + 2 : full[at] === "\n" ? at + 1 : at);
  end = lineEnd(end);
  // The blank line after it too, when it opened the file or followed a blank line (no two blank lines left, none on top).
  const start = declaration.getStart();
  const before = full.slice(0, start);
  if ((before.trim() === "" || /\n\s*\n$/.test(before)) && lineEnd(end) > end) end = lineEnd(end);
  ctx.replace({ start, end }, "");
}

/**
 * Each specifier up to the next one (its comma and the spacing or line break after it); the ones at the end of the
 * list from the comma after the last name kept, so that the list keeps its layout and its trailing comma, if any.
 */
function removeSpecifiers(unused: ImportSpecifier[], named: ImportSpecifier[], ctx: TransformContext): void {
  let last = named.length;
  while (last > 0 && unused.includes(named[last - 1])) last--;
  for (const [i, spec] of named.entries()) {
    if (i < last && unused.includes(spec)) ctx.replace({ start: spec.getStart(), end: named[i + 1].getStart() }, "");
  }
  if (last < named.length) ctx.replace({ start: named[last - 1].getEnd(), end: named[named.length - 1].getEnd() }, "");
}
