import type { ClassDeclaration, FunctionDeclaration, Identifier, MethodDeclaration, Node, Project } from "ts-morph";
import type { FunctionLike } from "../handlers/entry-point.js";
import type { ReachSite } from "./reach.js";

/**
 * The one interface for type questions. Transforms ask these (through src/types/index.ts), never a
 * checker, so that TypeScript 6 (ts-morph) and TypeScript 7 (the native compiler's API) can answer
 * them alike. Questions take ts-morph nodes: a backend maps them to its own program.
 */
export interface TypeOracle {
  /** Which compiler answers. */
  readonly backend: CheckerBackend;
  /** What an expression evaluates to, as far as settling is concerned. */
  promiseKindOf(expr: Node): PromiseKind;
  /** Whether the expression's type is a thenable (Promise, PromiseLike, any object with a callable `then`); false for `any`. */
  isPromiseLike(expr: Node): boolean;
  /** Whether the expression's type is an array, a tuple or a ReadonlyArray (so `.forEach` can become `.map`). */
  isArray(expr: Node): boolean;
  /** Whether calling it gives a thenable: a function declaration's own signature, else any call signature of the expression's type. */
  returnsPromise(fnOrExpr: Node): boolean;
  /**
   * For a method of a class with an `extends` clause: whether the base class's member of the same name
   * returns a thenable when called; undefined when the base class has no such member (not an override).
   */
  baseMethodReturnsPromise(method: MethodDeclaration): boolean | undefined;
  /** Whether the call resolves to a function (declaration, expression, arrow, method) declared `async`. */
  resolvesToAsyncFunction(call: Node): boolean;
  /**
   * For each identifier, whether its symbol is the one `name` declares, or has `declaration` among its
   * declarations (the uses of a parameter, skipping names that shadow it). One batch for them all.
   */
  refersTo(declaration: Node, name: Identifier, ids: readonly Identifier[]): boolean[];
  /**
   * ts-morph's `isExported()` (`which` "any") or `isDefaultExport()` ("default") of a declaration,
   * asked of its file's module symbol (callers decide the syntactic cases first: syntactic-exports.ts).
   */
  isExported(declaration: FunctionDeclaration | ClassDeclaration, which: "any" | "default"): boolean;
  /**
   * The declarations of the node's symbol (`aliased`: followed through imports and re-exports, as
   * ts-morph's `getAliasedSymbol()`); [] when it has none.
   */
  declarationsOf(node: Node, aliased: boolean): readonly DeclarationRef[];
  /**
   * The node's type's members (a union's, else the type itself) that are not null or undefined, each
   * by its symbol's name or else its text; undefined for `any` and `unknown`.
   */
  typeMemberNames(node: Node): readonly string[] | undefined;
  /**
   * The declaration of the signature a call resolves to, when it is outside declaration files and
   * node_modules (undefined for those: settle reads only project code).
   */
  resolvedDeclaration(call: Node): Node | undefined;
  /** A Promise (or a type derived from it; every member of a union), not merely a thenable: what waitUntil accepts. True for `any`. */
  isPromiseType(expr: Node): boolean;
  /** Whether the expression's type is exactly `undefined` or `void`. */
  isUndefinedOrVoid(expr: Node): boolean;
  /** Whether the expression's type is `any`. */
  isAny(expr: Node): boolean;
  /**
   * For a function expression or arrow typed from outside (`const h: Handler<E, R> = ...`): the `R` of
   * the `Promise<R>` among what its contextual signature returns; undefined when there is none or it is
   * `any` or `unknown`.
   */
  contextualPromiseResult(fn: Node): ResultType | undefined;
  /**
   * Whether the expression can be null or undefined by its type: "null" (only `null`, `undefined` or
   * `void`), "maybe" (`any`, `unknown`, or a union with one of those), else "non-null".
   */
  nullability(expr: Node): Nullability;
  /** The expression's type as ts-morph's `getType().getText(enclosing)` writes it. */
  typeText(expr: Node, enclosing?: Node): string;
  /**
   * An identity for each node's symbol, equal exactly when the symbols are (undefined: none); for a
   * shorthand property assignment (`{ result }`), the variable it reads. One batch for them all.
   */
  symbolKeys(nodes: readonly Node[]): unknown[];
  /**
   * The emitter library of the expression's type, following class inheritance: EventEmitter2's
   * class (incl. Nest's re-export) or Node's `events`; undefined for anything else (or `any`).
   */
  emitterKindOf(expr: Node): EmitterKind | undefined;
  /**
   * Which emitter object a receiver denotes, as far as the project lets us tell: instances of a
   * project subclass by class, instances of the library class itself by the variable or property
   * that holds them (`bus`, `this.events`). Equal (===) for the same emitter; undefined: unknown.
   */
  emitterIdentity(receiver: Node): unknown;
  /** The value of the expression's string literal type (`const USER_REGISTERED = "user.registered"`), if it has one. */
  stringLiteralValue(expr: Node): string | undefined;
  /** Whether `name` (a type or a value, by `meaning`: ts.SymbolFlags) is declared in scope at the node. */
  resolvesName(at: Node, name: string, meaning: number): boolean;
  /**
   * Every reference to what the name declares, across the program (ts-morph's `findReferencesAsNodes()`;
   * TypeScript 7: its find-all-references). References in declaration files are left out.
   */
  referencesOf(name: Node): Node[];
  /** The name of the symbol of the node's type (`WritableStreamDefaultWriter`, `Promise`); undefined when its type has none. */
  typeSymbolName(node: Node): string | undefined;
  /**
   * For each site of one function body (`within`), the project function it leads to: a call's or
   * `new`'s callee, a function passed by name (src/types/reach.ts). Only functions with a body outside
   * declaration files and node_modules; undefined where none, or where the checker failed on the site.
   */
  reachTargets(within: Node, sites: readonly ReachSite[]): (FunctionLike | undefined)[];
  /** The files' texts changed (the engine re-parsed them): later answers must see the new texts. */
  filesChanged(files: readonly string[]): void;
}

export type CheckerBackend = "ts6" | "ts7";

/** A type a contextual `Promise<R>` resolves to (TypeOracle.contextualPromiseResult). */
export interface ResultType {
  /** The name of its alias symbol, else its symbol, when it has one and no type arguments. */
  readonly name: string | undefined;
  /** That symbol's declarations, each with whether it is in the compiler's own lib files. */
  readonly declarations: readonly (DeclarationRef & { readonly inCompilerLib: boolean })[];
  /** Its text at the function (UseAliasDefinedOutsideCurrentScope | NoTruncation). */
  readonly text: string;
}

/** See TypeOracle.nullability. */
export type Nullability = "null" | "maybe" | "non-null";

/** Which emitter library a receiver is an instance of: EventEmitter2 (incl. Nest's re-export) or Node's events. */
export type EmitterKind = "eventemitter2" | "node";

/** A declaration a symbol has: where it is, and (read on demand: a library file may be parsed for it) its ts-morph node. */
export interface DeclarationRef {
  readonly path: string;
  /** In a declaration file (`.d.ts`, the compiler's own lib files). */
  readonly inDeclarationFile: boolean;
  /** The ts-morph node; undefined where TypeScript 7 declares it in a file ts-morph cannot read (its bundled lib files). */
  node(): Node | undefined;
}

/**
 * The checker's answer about an expression's value: a promise-like, an array of them, an array of
 * them or nothing (`| undefined`), an array of them or something else (`Promise<void> |
 * Promise<void>[]`, `T | Promise<T>[]`), not one, or unknown (`any`).
 */
export type PromiseKind = "promise" | "promise-array" | "optional-promise-array" | "mixed-promise-array" | "none" | "unknown";

/** The emitter library of a class by the name and file of its declaration. */
export function emitterKindOfClass(name: string, file: string): EmitterKind | undefined {
  if (name === "EventEmitter2" && file.includes("/node_modules/eventemitter2/")) return "eventemitter2";
  if ((name === "EventEmitter" || name === "EventEmitterAsyncResource") && /\/node_modules\/@types\/node\/events\.d\.ts$/.test(file)) return "node";
  return undefined;
}

/** The finding for a statement whose type question the checker could not answer. */
export const CHECKER_FAILED = "the type checker failed on this expression";

/** A type question the checker could not answer (the native compiler's process failed, a request errored). */
export class CheckerFailure extends Error {
  override name = "CheckerFailure";
}

/**
 * Whether an error is the checker itself failing rather than a bug of ours: TypeScript 6 overflows
 * its stack on some expressions (`wrapNode<typeof node.getNextNode<any>>(node.getNextNode)`,
 * microsoft/TypeScript#63441). Files nested too deeply are refused before analysis (run.ts), so a
 * stack overflow during a transform is the checker's, and it costs the one statement that asked.
 * The TypeScript 7 backend wraps its request errors in CheckerFailure.
 */
export function isCheckerFailure(error: unknown): boolean {
  return error instanceof RangeError || error instanceof CheckerFailure;
}

const oracles = new WeakMap<Project, TypeOracle>();
let fallback: ((project: Project) => TypeOracle) | undefined;

/** Answer the type questions of a Project's files with this oracle (run.ts does it per tsconfig group). */
export function useTypeOracle(project: Project, oracle: TypeOracle): void {
  oracles.set(project, oracle);
}

/** The oracle registered for the Project, if any (the engine tells it about re-parsed files). */
export function registeredOracle(project: Project): TypeOracle | undefined {
  return oracles.get(project);
}

/** The oracle for a node's Project: the registered one, else (in-memory Projects, jscodeshift) TypeScript 6's. */
export function oracleFor(project: Project): TypeOracle {
  let oracle = oracles.get(project);
  if (!oracle) {
    if (!fallback) throw new Error("no TypeScript 6 oracle registered (import src/types/index.js)");
    oracles.set(project, (oracle = fallback(project)));
  }
  return oracle;
}

/** Set how Projects without an oracle get one (src/types/index.ts: TypeScript 6). */
export function setFallbackOracle(create: (project: Project) => TypeOracle): void {
  fallback = create;
}
