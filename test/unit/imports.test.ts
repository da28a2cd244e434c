import { describe, expect, it } from "vitest";
import { EditBatch } from "../../src/edits.js";
import { ImportPlan } from "../../src/imports.js";
import { createInMemoryProject } from "../../src/project.js";
import { scriptKindFor } from "../../src/syntax.js";

/** Ask for imports in a file and return its text with the planned edits applied (and what add() answered). */
function addImports(fileName: string, text: string, wanted: [string, string][]): { text: string; names: (string | undefined)[] } {
  const project = createInMemoryProject();
  const file = project.createSourceFile(fileName, text, { scriptKind: scriptKindFor(fileName) });
  const plan = new ImportPlan(file);
  const names = wanted.map(([from, name]) => plan.add(from, name));
  const batch = new EditBatch();
  plan.flush((offset, inserted) => batch.add(offset, offset, inserted));
  return { text: batch.apply(text), names };
}

const after: [string, string] = ["next/server", "after"];

describe("addImport (ImportPlan)", () => {
  it("merges into an existing named import, keeping its spacing", () => {
    expect(addImports("a.ts", `import { NextResponse } from "next/server";\nx();\n`, [after]).text).toBe(
      `import { NextResponse, after } from "next/server";\nx();\n`,
    );
    expect(addImports("a.ts", `import {NextResponse} from 'next/server'\n`, [after]).text).toBe(`import {NextResponse, after} from 'next/server'\n`);
  });

  it("merges into a multi-line import, with or without a trailing comma", () => {
    const trailing = `import {\n  NextRequest,\n  NextResponse,\n} from "next/server";\n`;
    expect(addImports("a.ts", trailing, [after]).text).toBe(`import {\n  NextRequest,\n  NextResponse,\n  after,\n} from "next/server";\n`);
    const bare = `import {\n    NextRequest,\n    NextResponse\n} from "next/server";\n`;
    expect(addImports("a.ts", bare, [after]).text).toBe(`import {\n    NextRequest,\n    NextResponse,\n    after\n} from "next/server";\n`);
  });

  it("adds named imports next to a default import, but not into a type-only or namespace import", () => {
    expect(addImports("a.ts", `import server from "next/server";\n`, [after]).text).toBe(`import server, { after } from "next/server";\n`);
    expect(addImports("a.ts", `import type { NextRequest } from "next/server";\n`, [after]).text).toBe(
      `import type { NextRequest } from "next/server";\nimport { after } from "next/server";\n`,
    );
    expect(addImports("a.ts", `import * as server from "next/server";\n`, [after]).text).toBe(
      `import * as server from "next/server";\nimport { after } from "next/server";\n`,
    );
  });

  it("inserts a new import after the last import, in the file's quotes and semicolon style", () => {
    expect(addImports("a.ts", `import a from 'a'\nimport { b } from 'b' // why\n\nrun()\n`, [after]).text).toBe(
      `import a from 'a'\nimport { b } from 'b' // why\nimport { after } from 'next/server'\n\nrun()\n`,
    );
  });

  it("without imports: after a directive prologue, after a header comment, else first", () => {
    expect(addImports("a.ts", `"use server";\n\nexport async function act() {}\n`, [after]).text).toBe(
      `"use server";\nimport { after } from "next/server";\n\nexport async function act() {}\n`,
    );
    expect(addImports("a.ts", `// Copyright Example\n// SPDX: MIT\n\n/** The route. */\nexport function GET() {}\n`, [after]).text).toBe(
      `// Copyright Example\n// SPDX: MIT\n\nimport { after } from "next/server";\n\n/** The route. */\nexport function GET() {}\n`,
    );
    expect(addImports("a.ts", `/** The route. */\nexport function GET() {}\n`, [after]).text).toBe(
      `import { after } from "next/server";\n\n/** The route. */\nexport function GET() {}\n`,
    );
    expect(addImports("a.ts", `#!/usr/bin/env node\nrun();\n`, [after]).text).toBe(`#!/usr/bin/env node\nimport { after } from "next/server";\n\nrun();\n`);
  });

  it("keeps CRLF line endings", () => {
    expect(addImports("a.ts", `import { x } from "x";\r\nrun();\r\n`, [after]).text).toBe(`import { x } from "x";\r\nimport { after } from "next/server";\r\nrun();\r\n`);
  });

  it("uses require in CommonJS files, merging into an existing destructuring", () => {
    const wait: [string, string] = ["@vercel/functions", "waitUntil"];
    expect(addImports("a.js", `const x = require("x");\n\nmodule.exports = () => x();\n`, [wait]).text).toBe(
      `const x = require("x");\nconst { waitUntil } = require("@vercel/functions");\n\nmodule.exports = () => x();\n`,
    );
    expect(addImports("a.cjs", `const { geolocation } = require("@vercel/functions");\n`, [wait]).text).toBe(
      `const { geolocation, waitUntil } = require("@vercel/functions");\n`,
    );
    expect(addImports("a.js", `"use strict";\nexports.handler = () => 1;\n`, [wait]).text).toBe(
      `"use strict";\nconst { waitUntil } = require("@vercel/functions");\nexports.handler = () => 1;\n`,
    );
  });

  it("is idempotent: an existing binding (alias included) is reused and nothing is added", () => {
    expect(addImports("a.ts", `import { after } from "next/server";\n`, [after])).toEqual({ text: `import { after } from "next/server";\n`, names: ["after"] });
    expect(addImports("a.ts", `import { after as later } from "next/server";\n`, [after])).toEqual({
      text: `import { after as later } from "next/server";\n`,
      names: ["later"],
    });
    const { text, names } = addImports("a.ts", `import { x } from "x";\n`, [after, after, ["next/server", "connection"]]);
    expect(text).toBe(`import { x } from "x";\nimport { after, connection } from "next/server";\n`);
    expect(names).toEqual(["after", "after", "connection"]);
  });

  it("refuses a name another binding already has", () => {
    const taken = `import { x } from "x";\nfunction handle(after: number) { return after; }\n`;
    expect(addImports("a.ts", taken, [after])).toEqual({ text: taken, names: [undefined] });
    const imported = `import { after } from "./scheduler";\n`;
    expect(addImports("a.ts", imported, [after])).toEqual({ text: imported, names: [undefined] });
  });
});
