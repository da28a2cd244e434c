import { Node, type ClassDeclaration, type MethodDeclaration, type SourceFile } from "ts-morph";
import { unwrapExpression } from "./entry-point.js";

/**
 * The method a class-based handler export names (the AWS Lambda Powertools style):
 * `instance.handler.bind(instance)`, `new Lambda().handler`, `instance.handler` where
 * `const instance = new Lambda()`, or `Lambda.handler` for a static method; the class declared
 * in the same file. Undefined for anything else.
 */
export function methodOfExport(file: SourceFile, value: Node): MethodDeclaration | undefined {
  let target = unwrapExpression(value);
  // `x.m.bind(x)`: the method itself, with `this` bound.
  if (target && Node.isCallExpression(target)) {
    const callee = target.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "bind") return undefined;
    target = unwrapExpression(callee.getExpression());
  }
  if (!target || !Node.isPropertyAccessExpression(target)) return undefined;
  const name = target.getName();
  const owner = unwrapExpression(target.getExpression());
  if (!owner) return undefined;
  const instanceOf = classOfInstance(file, owner);
  if (instanceOf) return withBody(instanceOf.getInstanceMethod(name) ?? inheritedMethod(file, instanceOf, name));
  if (Node.isIdentifier(owner)) return withBody(file.getClass(owner.getText())?.getStaticMethod(name));
  return undefined;
}

/** The class of `new C(...)`, or of a `const` of the file initialised with one. */
function classOfInstance(file: SourceFile, owner: Node): ClassDeclaration | undefined {
  let created: Node | undefined = owner;
  if (Node.isIdentifier(owner)) {
    const variable = file.getVariableDeclaration(owner.getText());
    if (!variable) return undefined;
    created = unwrapExpression(variable.getInitializer());
  }
  if (!created || !Node.isNewExpression(created)) return undefined;
  const className = created.getExpression();
  return Node.isIdentifier(className) ? file.getClass(className.getText()) : undefined;
}

/** A method a class of the file inherits from another class of the file. */
function inheritedMethod(file: SourceFile, cls: ClassDeclaration, name: string): MethodDeclaration | undefined {
  const seen = new Set<ClassDeclaration>([cls]);
  for (let base = baseOf(file, cls); base && !seen.has(base); base = baseOf(file, base)) {
    seen.add(base);
    const method = base.getInstanceMethod(name);
    if (method) return method;
  }
  return undefined;
}

function baseOf(file: SourceFile, cls: ClassDeclaration): ClassDeclaration | undefined {
  const base = cls.getExtends()?.getExpression();
  return base && Node.isIdentifier(base) ? file.getClass(base.getText()) : undefined;
}

function withBody(method: MethodDeclaration | undefined): MethodDeclaration | undefined {
  return method?.hasBody() ? method : undefined;
}

/** `class X implements LambdaInterface`: Powertools' marker for a class-based handler. */
export function implementsLambdaInterface(method: MethodDeclaration): boolean {
  const cls = method.getParent();
  return Node.isClassDeclaration(cls) && cls.getImplements().some((i) => /\bLambdaInterface\b/.test(i.getText()));
}
