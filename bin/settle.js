#!/usr/bin/env node
import { existsSync } from "node:fs";

const cli = new URL("../dist/src/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("settle: the build is missing (dist/); run `npm install` or `npm run build` in the settle folder");
  process.exit(2);
}
await import(cli.href);
