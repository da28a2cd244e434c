#!/usr/bin/env node
import { existsSync } from "node:fs";
import module from "node:module";

// Compiling TypeScript's 9 MB of JavaScript is a good part of every start: Node.js 22.1+ can keep the
// compiled code between runs; on older versions settle keeps V8's code cache of its largest bundles.
if (module.enableCompileCache) module.enableCompileCache();
else module.createRequire(import.meta.url)("./compile-cache.cjs");

const cli = new URL("../dist/src/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("settle: the build is missing (dist/); run `npm install` or `npm run build` in the settle folder");
  process.exit(2);
}
await import(cli.href);
