#!/usr/bin/env node
import { existsSync } from "node:fs";
import module from "node:module";

// Compiling TypeScript's 9 MB of JavaScript is a good part of every start: Node.js 22.1+ can keep the
// compiled code between runs (a no-op on older versions).
module.enableCompileCache?.();

const cli = new URL("../dist/src/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("settle: the build is missing (dist/); run `npm install` or `npm run build` in the settle folder");
  process.exit(2);
}
await import(cli.href);
