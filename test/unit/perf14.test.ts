import { readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/run.js";
import { Ts7Session } from "../../src/types/ts7.js";
import { REPO } from "../helpers/fixtures.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "nodenext", types: ["node"], skipLibCheck: true, noEmit: true } });

describe("a shared program is opened in the background by a small group", () => {
  // Two packages whose tsconfigs differ only in emit share one program of both packages' files: 4
  // files, above the threshold of 3, while each group has 2, below it. The threshold weighs the program.
  const files = {
    "tsconfig.json": TSCONFIG,
    "a/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "dist" } }),
    "b/tsconfig.json": JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { outDir: "out" } }),
    "a/handler.ts": 'import { audit } from "./audit";\n\nexport const handler = async (event: { id: string }) => {\n  audit(event.id);\n  return { statusCode: 200 };\n};\n',
    "a/audit.ts": "export async function audit(id: string): Promise<void> {}\n",
    "b/handler.ts": 'import { send } from "./send";\n\nexport const handler = async (event: { id: string }) => {\n  send(event.id);\n};\n',
    "b/send.ts": "export async function send(id: string): Promise<void> {}\n",
  };

  async function settle(background: boolean) {
    const dir = tempDir(files);
    symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    const session = Ts7Session.start(dir, { background, backgroundMinFiles: 3 });
    if ("unavailable" in session) throw new Error(session.unavailable);
    try {
      const result = await run({ paths: ["."], cwd: dir, mode: "write", force: true, transforms: ["floating-promises"], checker: "ts7", ts7Session: session });
      const texts = Object.fromEntries(Object.keys(files).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
      return { result, texts, prefetches: session.prefetches, sharing: session.sharingGroups };
    } finally {
      session.close();
    }
  }

  it("the first group to ask (2 files) sends the open of the 4-file program in the background; the answers are those of the open after the parse", async () => {
    const background = await settle(true);
    const after = await settle(false);
    expect(background.sharing).toBe(2);
    // The second group keeps the first one's program: only the first open is sent in the background.
    expect(background.prefetches).toBe(1);
    expect(after.prefetches).toBe(0);
    expect(background.texts["a/handler.ts"]).toContain("  await audit(event.id);\n");
    expect(background.texts["b/handler.ts"]).toContain("  await send(event.id);\n");
    expect(background.texts).toEqual(after.texts);
    expect(background.result.findings).toEqual(after.result.findings);
    expect(background.result.files).toEqual(after.result.files);
  });
});
