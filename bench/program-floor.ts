/**
 * The benchmark's yardstick for what any type-aware run must pay before it asks a single question:
 * the TypeScript programs settle would build for a folder (one per nearest tsconfig, over the same
 * files, lib and `@types` files shared between them), parsed and bound, and nothing else.
 *
 *   node dist/bench/program-floor.js <folder>
 */
import path from "node:path";
import ts from "typescript";
import { discoverFiles } from "../src/discover.js";
import { groupByTsconfig, INFERRED_OPTIONS } from "../src/project.js";
import { BENCH_ESLINT_CONFIG } from "./eslint-config.js";

const folder = path.resolve(process.argv[2] ?? ".");
const { files } = await discoverFiles(["."], { cwd: folder, ignore: [BENCH_ESLINT_CONFIG] });
const shared = new Map<string, ts.SourceFile>();
let sourceFiles = 0;
for (const group of groupByTsconfig(files)) {
  const parsed = group.tsconfig ? ts.getParsedCommandLineOfConfigFile(group.tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined }) : undefined;
  const options = { ...(parsed?.options ?? INFERRED_OPTIONS), allowJs: true, noEmit: true };
  const host = ts.createCompilerHost(options, true);
  // As tsc does: no JSDoc parsed in TypeScript files.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!/[\\/]node_modules[\\/]/.test(fileName)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${JSON.stringify(languageVersion)}\0${fileName}`;
    let file = shared.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) shared.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: group.files, options, host });
  program.getTypeChecker();
  sourceFiles += program.getSourceFiles().length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, programFiles: sourceFiles })}\n`);
