import { Node } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { endOfLineAfter, indentOf } from "../../src/layout.js";
import { chooseDeferral, type Deferral } from "../../src/strategy.js";
import { isPromiseType } from "../../src/types/index.js";
import type { Floating } from "./classify.js";
import { awaitsInside, changingCapture, writtenAndReadLater } from "./defer-safety.js";

/** What is left to await after deferring, and the notes to report once it is awaited (`--strategy defer`). */
export interface DeferOutcome {
  awaited: Floating[];
  /** Report why each of `awaited` was not deferred; call only when the awaits are really written. */
  reportNotes(): void;
}

/**
 * Hand the floating work of an entry point to its platform (`after`, `waitUntil`, `ctx.waitUntil`)
 * where it can take it; the rest is returned to be awaited. Functions merely reached from a
 * handler keep awaiting: the handler's own call of them is what gets deferred.
 */
export function deferWhatCan(fn: FunctionLike, floating: Floating[], ctx: TransformContext): DeferOutcome {
  const entry = ctx.invocation.entryPointOf(fn);
  const deferral: Deferral = entry ? chooseDeferral(entry, ctx.strategy) : { kind: "await" };
  const notes: [Node, string][] = [];
  const report = ctx.strategy === "defer";
  if (deferral.kind === "await") {
    if (deferral.reason && floating.length > 0) notes.push([floating[0].node, deferral.reason]);
    return { awaited: floating, reportNotes: () => notes.forEach(([node, note]) => ctx.report(node, note)) };
  }
  let callee: string | undefined | null = null;
  const awaited: Floating[] = [];
  for (const f of floating) {
    const why = whyNotDeferred(f, deferral, fn);
    if (!why) {
      callee = callee === null ? calleeFor(deferral, ctx) : callee;
      if (callee !== undefined) {
        defer(f, deferral, callee, ctx);
        continue;
      }
    }
    awaited.push(f);
    const note = why ?? `the name \`${deferral.kind}\` is already taken in this file`;
    if (report) notes.push([f.node, `${f.what} not deferred: ${note}; awaited instead`]);
  }
  return { awaited, reportNotes: () => notes.forEach(([node, note]) => ctx.report(node, note)) };
}

/** Why this work must stay awaited although the platform can defer, or undefined when it can be deferred. */
function whyNotDeferred(floating: Floating, deferral: Exclude<Deferral, { kind: "await" }>, fn: FunctionLike): string | undefined {
  const { work, pending } = floating;
  const expr = work?.expr ?? (pending ? declarationOf(pending.statement, pending.name.id) : undefined);
  if (!expr) return "it has no single expression to hand over";
  // A pending variable's promise is handed over as it is, so it must be a Promise for after() too.
  const takesPromise = deferral.kind !== "after" || !!pending;
  if (takesPromise && !(work?.combined || pending?.name.all) && !isPromiseType(expr)) {
    return `${deferral.kind} takes a Promise, and this is another kind of thenable`;
  }
  const written = writtenAndReadLater(floating.node, expr, fn);
  if (written) return `the handler reads \`${written}\` afterwards, which this work sets`;
  if (deferral.kind === "after" && work) {
    if (awaitsInside(expr)) return "it awaits inside, which an after() callback cannot";
    const changing = changingCapture(expr);
    if (changing) return `after() runs it once the response is sent, when \`${changing}\` may hold another value`;
  }
  return undefined;
}

function defer(floating: Floating, deferral: Deferral, callee: string, ctx: TransformContext): void {
  const { work, pending } = floating;
  if (pending) {
    ctx.insertBefore(endOfLineAfter(pending.statement), `\n${indentOf(pending.statement)}${callee}(${pending.name.value})${pending.name.semi}`);
  } else if (work) {
    // after() gets a callback: the work starts once the response is sent, as Next.js recommends.
    if (deferral.kind === "after") work.wrap(ctx, `${callee}(() => `, ")");
    else work.wrap(ctx, `${callee}(`, ")");
  }
}

/** Import the primitive (or add the context parameters) once; the callee text, or undefined when its name is taken. */
function calleeFor(deferral: Exclude<Deferral, { kind: "await" }>, ctx: TransformContext): string | undefined {
  if (deferral.kind === "ctx.waitUntil") {
    const add = deferral.addParams;
    if (add?.parens) {
      ctx.insertBefore(add.parens.start, "(");
      ctx.insertAfter(add.offset, `${add.text})`);
    } else if (add) {
      ctx.insertAfter(add.offset, add.text);
    }
    return `${deferral.receiver}.waitUntil`;
  }
  return ctx.addImport(deferral.module, deferral.name);
}

function declarationOf(statement: Node, name: string): Node | undefined {
  if (!Node.isVariableStatement(statement)) return undefined;
  return statement.getDeclarations().find((d) => d.getName() === name)?.getInitializer();
}

