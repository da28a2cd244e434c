// Rewrites the README's transform table from the registry, and docs/findings.md from src/findings.ts (run through `npm run docs`).
import { readFileSync, writeFileSync } from "node:fs";
import { TABLE_END, TABLE_START, transformTable } from "../dist/src/docs.js";
import { transforms } from "../dist/transforms/index.js";
import { findingsDoc } from "../dist/src/findings.js";

const readme = new URL("../README.md", import.meta.url);
const text = readFileSync(readme, "utf8");
const start = text.indexOf(TABLE_START);
const end = text.indexOf(TABLE_END);
if (start === -1 || end === -1) throw new Error("README.md has no transform table markers");
writeFileSync(readme, text.slice(0, start) + transformTable(transforms) + text.slice(end + TABLE_END.length));
writeFileSync(new URL("../docs/findings.md", import.meta.url), findingsDoc());
