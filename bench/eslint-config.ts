import { writeFileSync } from "node:fs";
import path from "node:path";
import type { GeneratedRepo } from "./generate-repo.js";

/** The file name of the ESLint config the benchmark writes into a generated repository. */
export const BENCH_ESLINT_CONFIG = "eslint.config.mjs";

/**
 * A flat config with only typescript-eslint's type-aware `no-floating-promises`, the rule teams run
 * to find floating promises, on every source file, with the project service (each file's nearest
 * tsconfig, as settle uses them).
 */
export function writeEslintConfig(repo: Pick<GeneratedRepo, "dir">): void {
  const config = `// Written by settle's benchmark: only the type-aware no-floating-promises rule.
import tseslint from "typescript-eslint";

export default [
  { ignores: [${JSON.stringify(BENCH_ESLINT_CONFIG)}] },
  {
    files: ["**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx}"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
];
`;
  writeFileSync(path.join(repo.dir, BENCH_ESLINT_CONFIG), config);
}
