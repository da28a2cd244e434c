#!/usr/bin/env node
import { existsSync } from "node:fs";
import module from "node:module";

// Compiling TypeScript's 9 MB of JavaScript is a good part of every start: Node.js 22.1+ can keep the
// compiled code between runs, in the temp folder (a no-op on older versions). Not for a dry run or a check,
// which write nothing at all (docs/safety.md): --dry-run, --check or a short-option group with n keep it off.
const writesNothing = process.argv.slice(2).some((a) => a === "--dry-run" || a === "--check" || /^-[A-Za-z]*n[A-Za-z]*$/.test(a));
if (!writesNothing) module.enableCompileCache?.();

const cli = new URL("../dist/src/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("settle: the build is missing (dist/); run `npm install` or `npm run build` in the settle folder");
  process.exit(2);
}
await import(cli.href);
