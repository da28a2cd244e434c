import { Node, type Type } from "ts-morph";

/** Which emitter library a receiver is an instance of: EventEmitter2 (incl. Nest's re-export) or Node's events. */
export type EmitterKind = "eventemitter2" | "node";

/** The emitter library of a type, following class inheritance; undefined for anything else (or `any`). */
export function emitterKindOf(given: Type, depth = 0): EmitterKind | undefined {
  if (depth > 10 || given.isAny() || given.isUnknown() || given.isUnion()) return undefined;
  const type = classTypeOf(given);
  const symbol = type.getSymbol();
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const file = declaration.getSourceFile().getFilePath();
    const name = symbol!.getName();
    if (name === "EventEmitter2" && file.includes("/node_modules/eventemitter2/")) return "eventemitter2";
    if ((name === "EventEmitter" || name === "EventEmitterAsyncResource") && /\/node_modules\/@types\/node\/events\.d\.ts$/.test(file)) return "node";
  }
  for (const base of type.getBaseTypes()) {
    const kind = emitterKindOf(base, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

/** Whether a type is one of the libraries' own emitter classes (not a project subclass of one). */
export function isLibraryEmitterClass(type: Type): boolean {
  return !!type.getSymbol()?.getDeclarations().some((d) => d.getSourceFile().isInNodeModules() || d.getSourceFile().isDeclarationFile());
}

/**
 * Which emitter object a receiver denotes, as far as the project lets us tell: instances of a
 * project subclass are told apart by class, instances of the library class itself by the variable
 * or property that holds them (`bus`, `this.events`).
 */
export function emitterIdentity(receiver: Node): object | undefined {
  const type = classTypeOf(receiver.getType());
  if (!isLibraryEmitterClass(type)) return type.getSymbol()?.compilerSymbol;
  const target = Node.isPropertyAccessExpression(receiver) ? receiver.getNameNode() : receiver;
  let symbol = target.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol?.compilerSymbol;
}

/** `this` inside a class, and instances of a generic class (`Bus<Events>`), as their class. */
function classTypeOf(type: Type): Type {
  const apparent = type.isTypeParameter() ? type.getApparentType() : type;
  return apparent.getTargetType() ?? apparent;
}
