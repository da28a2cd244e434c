/**
 * `npm run bench:handlers`: settle on one file of many callback-style Lambda handlers (the shape of a
 * generated or bundled handlers file), at doubling handler counts. Per-handler work that scans the
 * whole file makes the run quadratic; the printed growth per doubling shows it (2x is linear, 4x
 * quadratic). Not part of `npm test`: nothing here asserts a time.
 *
 *   npm run bench:handlers -- 100,200,400
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SETTLE = fileURLToPath(new URL("../../bin/settle.js", import.meta.url));

/** An ES module of `count` callback-style handlers, each settling twice (an error, later a result). */
export function manyHandlersSource(count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) {
    text +=
      `export const job${i}Handler = (event, context, callback) => {\n` +
      `  const id = event.id + ${i};\n` +
      `  if (!id) {\n` +
      `    callback(new Error("missing id ${i}"));\n` +
      `    return;\n` +
      `  }\n` +
      `  setTimeout(() => {\n` +
      `    const result = { id, index: ${i}, label: "job-${i}", created: Date.now() };\n` +
      `    console.log("job ${i} done", JSON.stringify(result));\n` +
      `    callback(null, { statusCode: 200, body: JSON.stringify(result) });\n` +
      `  }, 10);\n` +
      `};\n\n`;
  }
  return text;
}

function main(): void {
  const counts = (process.argv[2] ?? "100,200,400").split(",").map(Number);
  let previous: number | undefined;
  for (const count of counts) {
    const dir = mkdtempSync(path.join(realpathSync(os.tmpdir()), "settle-handlers-"));
    try {
      writeFileSync(path.join(dir, "package.json"), '{ "name": "many-handlers", "version": "1.0.0" }\n');
      const source = manyHandlersSource(count);
      writeFileSync(path.join(dir, "handlers.js"), source);
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [SETTLE, ".", "--dry-run", "--json"], { cwd: dir, maxBuffer: 1 << 30 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const counts = (JSON.parse(run.stdout.toString()) as { counts: Record<string, number> }).counts;
      const growth = previous ? ` (${(seconds / previous).toFixed(1)}x the previous)` : "";
      process.stdout.write(`${count} handlers, ${Math.round(source.length / 1024)} KB: ${seconds.toFixed(2)} s wall${growth}; ${JSON.stringify(counts)}\n`);
      previous = seconds;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) main();
