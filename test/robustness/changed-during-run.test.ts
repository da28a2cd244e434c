import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import { run, type RunResult } from "../../src/run.js";
import { gitInit, TempDirs } from "../helpers/temp-repo.js";
import { HANDLER, rewrite } from "./hostile-repo.js";
import { snapshotTree, statuses } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

const EDITED = `// someone else's edit\n${HANDLER}`;

/**
 * Run settle on `dir` and, once every file has been read and nothing has been written yet (the write
 * phase begins), let `meddle` change the disk under it, as an editor or a git checkout would.
 */
async function runWhileMeddling(dir: string, force: boolean, meddle: () => void): Promise<RunResult> {
  let meddled = false;
  const result = await run({
    paths: ["."],
    cwd: dir,
    mode: "write",
    force,
    onWritePhase: () => {
      if (meddled) return;
      meddled = true;
      meddle();
    },
  });
  expect(meddled).toBe(true);
  return result;
}

describe.concurrent("files that change on disk between reading and writing", { timeout: 60_000 }, () => {
  it("an edited, a deleted and a re-linked file are not written; the others are, and the exit code says so", async ({ tmp }) => {
    const dir = tmp.make({
      "a-untouched.ts": HANDLER,
      "b-edited.ts": HANDLER,
      "c-deleted.ts": HANDLER,
      "d-relinked.ts": HANDLER,
      "elsewhere/same-text.ts": HANDLER,
    });
    const result = await runWhileMeddling(dir, true, () => {
      writeFileSync(path.join(dir, "b-edited.ts"), EDITED);
      rmSync(path.join(dir, "c-deleted.ts"));
      // Same bytes as settle read, so only the link check can catch it.
      rmSync(path.join(dir, "d-relinked.ts"));
      symlinkSync("elsewhere/same-text.ts", path.join(dir, "d-relinked.ts"));
    });

    expect(statuses(result)).toEqual({
      "a-untouched.ts": "changed",
      "b-edited.ts": "failed: changed on disk while settle was running; not overwritten",
      "c-deleted.ts": "failed: deleted while settle was running; not recreated",
      "d-relinked.ts": "failed: replaced by a symbolic link while settle was running; not written",
      "elsewhere/same-text.ts": "changed",
    });
    expect(result.exitCode).toBe(1);
    expect(result.files.filter((f) => f.written).map((f) => f.path)).toEqual(["a-untouched.ts", "elsewhere/same-text.ts"]);
    const after = snapshotTree(dir);
    expect(after.get("b-edited.ts")).toMatchObject({ kind: "file", bytes: Buffer.from(EDITED) });
    expect(after.has("c-deleted.ts")).toBe(false);
    expect(after.get("d-relinked.ts")).toEqual({ kind: "symlink", target: "elsewhere/same-text.ts" });
    // The link's target got exactly one rewrite: its own, not a second one through the link.
    expect(readFileSync(path.join(dir, "elsewhere/same-text.ts"), "utf8")).toBe(rewrite(HANDLER));
    expect(readFileSync(path.join(dir, "a-untouched.ts"), "utf8")).toBe(rewrite(HANDLER));
  });

  it("in a git repository without --force: an edited file is refused as uncommitted, a deleted one is reported, the run goes on", async ({ tmp }) => {
    const dir = tmp.make({ "a-untouched.ts": HANDLER, "b-edited.ts": HANDLER, "c-deleted.ts": HANDLER });
    gitInit(dir);
    const result = await runWhileMeddling(dir, false, () => {
      writeFileSync(path.join(dir, "b-edited.ts"), EDITED);
      rmSync(path.join(dir, "c-deleted.ts"));
    });

    expect(statuses(result)).toEqual({
      "a-untouched.ts": "changed",
      "b-edited.ts": "skipped: has uncommitted changes (commit them or use --force)",
      "c-deleted.ts": "failed: deleted while settle was running; not recreated",
    });
    expect(result.exitCode).toBe(1);
    expect(readFileSync(path.join(dir, "b-edited.ts"), "utf8")).toBe(EDITED);
    expect(snapshotTree(dir).has("c-deleted.ts")).toBe(false);
    expect(readFileSync(path.join(dir, "a-untouched.ts"), "utf8")).toBe(rewrite(HANDLER));
  });
});
