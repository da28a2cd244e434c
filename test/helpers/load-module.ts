/**
 * A CommonJS module's exports, run from its text with `modules` as everything it may require (an unknown name
 * throws). For fixture modules a runtime test wires into the modules of another (`invoke`'s `modules`).
 */
export function loadCommonJs(code: string, modules: Record<string, unknown>): unknown {
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string) => {
    if (!Object.hasOwn(modules, name)) throw new Error(`unknown module ${name}`);
    return modules[name];
  };
  new Function("exports", "require", "module", code)(module.exports, require, module);
  return module.exports;
}
