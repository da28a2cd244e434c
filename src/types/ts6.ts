import { Node, TypeFormatFlags, type Type } from "ts-morph";
import { emitterKindOfClass, type EmitterKind, type PromiseKind, type TypeOracle } from "./oracle.js";
import { reachTargets6 } from "./reach.js";

/** The TypeScript 6 backend: ts-morph's checker, on the Project the nodes belong to. */
export function createTs6Oracle(): TypeOracle {
  return {
    backend: "ts6",
    promiseKindOf,
    isPromiseLike: (expr) => {
      const type = expr.getType();
      return !type.isAny() && !type.isUnknown() && isPromiseLikeType(type, expr);
    },
    isArray: (expr) => isArrayType(expr.getType()),
    returnsPromise: (node) =>
      isFunctionDeclarationLike(node)
        ? isPromiseLikeType(node.getReturnType(), node)
        : node.getType().getCallSignatures().some((s) => isPromiseLikeType(s.getReturnType(), node)),
    baseMethodReturnsPromise: (method) => {
      const cls = method.getParent();
      const heritage = Node.isClassDeclaration(cls) || Node.isClassExpression(cls) ? cls.getExtends() : undefined;
      // In an extends clause the checker gives the base class's instance type.
      const member = heritage?.getType().getProperty(method.getName());
      if (!member) return undefined;
      return member.getTypeAtLocation(method).getCallSignatures().some((s) => isPromiseLikeType(s.getReturnType(), method));
    },
    resolvesToAsyncFunction: (call) => {
      if (!Node.isCallExpression(call)) return false;
      const declaration = call.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration();
      return declaration !== undefined && isAsyncFunctionLike(declaration);
    },
    declarationsOf: (node, aliased) => {
      let symbol = node.getSymbol();
      if (aliased && symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
      return (symbol?.getDeclarations() ?? []).map((d) => ({ path: d.getSourceFile().getFilePath(), inDeclarationFile: d.getSourceFile().isDeclarationFile(), node: () => d }));
    },
    typeMemberNames: (node) => {
      const type = node.getType();
      if (type.isAny() || type.isUnknown()) return undefined;
      return (type.isUnion() ? type.getUnionTypes() : [type]).filter((t) => !t.isNull() && !t.isUndefined()).map((t) => t.getSymbol()?.getName() ?? t.getText());
    },
    resolvedDeclaration: (call) => {
      const declaration = Node.isCallExpression(call) || Node.isNewExpression(call) ? call.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration() : undefined;
      const file = declaration?.getSourceFile();
      return file && !file.isDeclarationFile() && !file.isInNodeModules() ? declaration : undefined;
    },
    isPromiseType: (expr) => isPromiseClass(expr.getType()),
    isAny: (expr) => expr.getType().isAny(),
    isUndefinedOrVoid: (expr) => {
      const type = expr.getType();
      return type.isUndefined() || type.isVoid();
    },
    contextualPromiseResult: (fn) => {
      const returnType = (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) ? fn.getContextualType() : undefined)?.getCallSignatures()[0]?.getReturnType();
      if (!returnType) return undefined;
      const promise = (returnType.isUnion() ? returnType.getUnionTypes() : [returnType]).find((t) => t.getSymbol()?.getName() === "Promise");
      const result = promise?.getTypeArguments()[0];
      if (!result || result.isAny() || result.isUnknown()) return undefined;
      const symbol = result.getAliasSymbol() ?? result.getSymbol();
      const plain = !!symbol && result.getAliasTypeArguments().length === 0 && result.getTypeArguments().length === 0;
      return {
        name: plain ? symbol.getName() : undefined,
        declarations: plain
          ? symbol.getDeclarations().map((d) => {
              const path = d.getSourceFile().getFilePath();
              return { path, inDeclarationFile: d.getSourceFile().isDeclarationFile(), inCompilerLib: TS6_LIB.test(path), node: () => d };
            })
          : [],
        text: result.getText(fn, TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | TypeFormatFlags.NoTruncation),
      };
    },
    nullability: (expr) => {
      const type = expr.getType();
      if (type.isAny() || type.isUnknown()) return "maybe";
      if (type.isNull() || type.isUndefined() || type.isVoid()) return "null";
      const parts = type.isUnion() ? type.getUnionTypes() : [type];
      if (parts.some((t) => t.isNull() || t.isUndefined() || t.isVoid() || t.isAny() || t.isUnknown())) return "maybe";
      return "non-null";
    },
    typeText: (expr, enclosing) => expr.getType().getText(enclosing),
    symbolKeys: (nodes) => nodes.map((n) => (Node.isShorthandPropertyAssignment(n) ? n.getValueSymbol() : n.getSymbol())?.compilerSymbol),
    emitterKindOf: (expr) => emitterKindOf(expr.getType(), 0),
    emitterIdentity,
    stringLiteralValue: (expr) => {
      const type = expr.getType();
      return type.isStringLiteral() ? String(type.getLiteralValue()) : undefined;
    },
    resolvesName: (at, name, meaning) => at.getProject().getTypeChecker().compilerObject.resolveName(name, at.compilerNode, meaning, false) !== undefined,
    referencesOf: (name) => (Node.isIdentifier(name) ? name.findReferencesAsNodes().filter((ref) => !ref.getSourceFile().isDeclarationFile()) : []),
    typeSymbolName: (node) => node.getType().getSymbol()?.getName(),
    reachTargets: reachTargets6,
    refersTo: (declaration, name, ids) => {
      const symbol = name.getSymbol();
      return ids.map((id) => {
        const own = id.getSymbol();
        return own === undefined ? false : own === symbol || own.getDeclarations().includes(declaration);
      });
    },
    isExported: (declaration, which) => (which === "default" ? declaration.isDefaultExport() : declaration.isExported()),
    // ts-morph's program follows its source files: a re-parsed file is seen on the next question.
    filesChanged: () => {},
  };
}

const TS6_LIB = /[\\/]typescript[\\/]lib[\\/]lib\..*\.d\.ts$/;

function promiseKindOf(expr: Node): PromiseKind {
  const type = expr.getType();
  if (type.isAny() || type.isUnknown()) return "unknown";
  if (isArrayOfPromises(type, expr)) return "promise-array";
  // A union with an array of promises among other values: awaiting it would not wait when it is the array.
  const members = type.isUnion() ? type.getUnionTypes() : [];
  if (members.some((t) => isArrayOfPromises(t, expr))) {
    // `Promise<void>[] | undefined`: Promise.all would throw on the undefined, so it needs `?? []`.
    const others = members.filter((t) => !isArrayType(t));
    return others.every(isNullish) ? "optional-promise-array" : "mixed-promise-array";
  }
  if (isPromiseLikeType(type, expr)) return "promise";
  return "none";
}

/**
 * Promise, PromiseLike, or any object with a callable `then` (custom thenables, lazy query
 * builders); for unions and intersections, any member that is one.
 */
function isPromiseLikeType(type: Type, at: Node): boolean {
  if (type.isUnion()) return type.getUnionTypes().some((t) => isPromiseLikeType(t, at));
  if (type.isIntersection()) return type.getIntersectionTypes().some((t) => isPromiseLikeType(t, at));
  if (type.isAny() || type.isUnknown() || type.isNull() || type.isUndefined()) return false;
  const then = type.getProperty("then");
  if (!then) return false;
  // A `then` that takes no callback (`then(x: number)`) is not the thenable protocol: awaiting it would not wait.
  return then.getTypeAtLocation(at).getCallSignatures().some((signature) => {
    const first = signature.getParameters()[0];
    return first !== undefined && isCallable(first.getTypeAtLocation(at));
  });
}

function isCallable(type: Type): boolean {
  if (type.isUnion()) return type.getUnionTypes().some(isCallable);
  return type.isAny() || type.getApparentType().getCallSignatures().length > 0;
}

/** Arrays, readonly arrays and tuples whose elements are promise-like, also through unions and branded intersections. */
function isArrayOfPromises(type: Type, at: Node): boolean {
  // `T extends Promise<number>[]`: what the constraint allows.
  const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
  if (constraint) return isArrayOfPromises(constraint, at);
  // Every member must be an array (Promise.all takes no `undefined`), one at least of promises.
  if (type.isUnion()) {
    const members = type.getUnionTypes();
    return members.every(isArrayType) && members.some((t) => isArrayOfPromises(t, at));
  }
  if (type.isIntersection()) return type.getIntersectionTypes().some((t) => isArrayOfPromises(t, at));
  if (type.isTuple()) return type.getTupleElements().some((t) => isPromiseLikeType(t, at));
  const element = type.isArray()
    ? type.getArrayElementType()
    : type.getSymbol()?.getName() === "ReadonlyArray"
      ? type.getTypeArguments()[0]
      : undefined;
  return element !== undefined && isPromiseLikeType(element, at);
}

/** A Promise (or a type derived from it), not merely a thenable. */
function isPromiseClass(type: Type): boolean {
  if (type.isAny()) return true; // untyped JavaScript: the syntax already proved a promise
  if (type.isUnion()) return type.getUnionTypes().every(isPromiseClass);
  const symbol = type.getSymbol() ?? type.getAliasSymbol();
  if (symbol?.getName() === "Promise") return true;
  return type.getBaseTypes().some(isPromiseClass);
}

function emitterKindOf(given: Type, depth: number): EmitterKind | undefined {
  if (depth > 10 || given.isAny() || given.isUnknown() || given.isUnion()) return undefined;
  const type = classTypeOf(given);
  const symbol = type.getSymbol();
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const kind = emitterKindOfClass(symbol!.getName(), declaration.getSourceFile().getFilePath());
    if (kind) return kind;
  }
  for (const base of type.getBaseTypes()) {
    const kind = emitterKindOf(base, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

function emitterIdentity(receiver: Node): unknown {
  const type = classTypeOf(receiver.getType());
  // One of the libraries' own emitter classes (not a project subclass of one): told apart by the name holding it.
  const library = !!type.getSymbol()?.getDeclarations().some((d) => d.getSourceFile().isInNodeModules() || d.getSourceFile().isDeclarationFile());
  if (!library) return type.getSymbol()?.compilerSymbol;
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

function isNullish(type: Type): boolean {
  return type.isNull() || type.isUndefined();
}

function isArrayType(type: Type): boolean {
  const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
  if (constraint) return isArrayType(constraint);
  return type.isArray() || type.isTuple() || type.getSymbol()?.getName() === "ReadonlyArray";
}

type DeclarationLike = Node & { getReturnType(): Type };

function isFunctionDeclarationLike(node: Node): node is DeclarationLike {
  return Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node);
}

/** A function declaration, function expression, arrow or method declared `async`. */
export function isAsyncFunctionLike(declaration: Node): boolean {
  return (
    (Node.isFunctionDeclaration(declaration) ||
      Node.isFunctionExpression(declaration) ||
      Node.isArrowFunction(declaration) ||
      Node.isMethodDeclaration(declaration)) &&
    declaration.isAsync()
  );
}
