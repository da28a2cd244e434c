import type { Node } from "ts-morph";
import { oracleFor, type EmitterKind } from "../../src/types/oracle.js";

export type { EmitterKind };

/** The emitter library of an expression's type, following class inheritance; undefined for anything else (or `any`). */
export function emitterKindOf(expr: Node): EmitterKind | undefined {
  return oracleFor(expr.getProject()).emitterKindOf(expr);
}

/**
 * Which emitter object a receiver denotes, as far as the project lets us tell: instances of a
 * project subclass are told apart by class, instances of the library class itself by the variable
 * or property that holds them (`bus`, `this.events`). Equal (===) for the same emitter.
 */
export function emitterIdentity(receiver: Node): unknown {
  return oracleFor(receiver.getProject()).emitterIdentity(receiver);
}
