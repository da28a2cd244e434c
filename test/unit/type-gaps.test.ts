import path from "node:path";
import { describe, expect, it } from "vitest";
import { findTypeGaps } from "../../src/type-gaps.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

describe("findTypeGaps: why types are unknown, once per package", () => {
  it("names a package with dependencies and no node_modules, with the install command for its folder", () => {
    const dir = tempDir({
      "services/api/package.json": `{ "dependencies": { "aws-sdk": "2" } }`,
      "services/api/handler.js": "exports.handler = async () => 1;\n",
      "services/none/package.json": `{ "name": "no-deps" }`,
      "services/none/handler.js": "exports.handler = async () => 1;\n",
    });
    const files = ["services/api/handler.js", "services/none/handler.js"].map((f) => path.join(dir, f));
    expect(findTypeGaps(files, dir)).toEqual([
      {
        rule: "no-node-modules",
        dir: "services/api",
        message: "no node_modules under services/api: its 1 dependency is of unknown type",
        fix: "install dependencies for type-aware results (npm ci in services/api), then run settle again",
      },
    ]);
  });

  it("lists installed dependencies without types of their own or an @types package", () => {
    const dir = tempDir({
      "package.json": `{ "dependencies": { "plain": "1", "typed": "1", "@scope/dt": "1", "exported": "1" } }`,
      "node_modules/plain/package.json": `{ "name": "plain", "main": "index.js" }`,
      "node_modules/typed/package.json": `{ "name": "typed", "types": "index.d.ts" }`,
      "node_modules/@scope/dt/package.json": `{ "name": "@scope/dt" }`,
      "node_modules/@types/scope__dt/package.json": `{ "name": "@types/scope__dt" }`,
      "node_modules/exported/package.json": `{ "name": "exported", "exports": { ".": { "types": "./a.d.ts", "default": "./a.js" } } }`,
      "handler.js": "exports.handler = async () => 1;\n",
    });
    expect(findTypeGaps([path.join(dir, "handler.js")], dir)).toEqual([
      {
        rule: "untyped-package",
        dir: ".",
        message: "plain (.) has no types: calls into it are of unknown type",
        fix: "install @types/plain where they exist, for type-aware results",
        packages: ["plain"],
      },
    ]);
  });
});
