import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateRepo } from "../../bench/generate-repo.js";
import { BIN, TempDirs } from "../helpers/temp-repo.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const FILES = 240;

/** Run the CLI in a detached tmux terminal (stderr is the terminal, stdout a file) and sample its screen. */
async function screensOf(dir: string, args: string[], session: string): Promise<{ screens: string[]; stdout: string }> {
  const out = path.join(dir, `${session}.stdout`);
  const done = path.join(dir, `${session}.done`);
  const command = `cd ${dir} && NO_COLOR=1 ${process.execPath} ${BIN} ${args.join(" ")} > ${out}; echo $? > ${done}; sleep 60`;
  spawnSync("tmux", ["new-session", "-d", "-s", session, "-x", "200", "-y", "50", command]);
  const screens: string[] = [];
  try {
    for (let i = 0; i < 1200; i++) {
      screens.push(spawnSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" }).stdout);
      if (spawnSync("test", ["-s", done]).status === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    screens.push(spawnSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" }).stdout);
  } finally {
    spawnSync("tmux", ["kill-session", "-t", session]);
  }
  return { screens, stdout: readFileSync(out, "utf8") };
}

describe.skipIf(!hasTmux)("the progress line in a real terminal (tmux)", { timeout: 300_000 }, () => {
  it("shows phase and files done/total while analysing, is gone before the summary, and never appears with --format json", async () => {
    const tmp = new TempDirs();
    try {
      const repo = generateRepo({ dir: tmp.make(), files: FILES, findingRate: 0 });
      const text = await screensOf(repo.dir, ["--dry-run", "."], `settle-progress-${process.pid}`);
      const progress = text.screens.flatMap((s) => s.match(/settle: analysing (\d+)\/(\d+) files/g) ?? []);
      expect(progress.length, "a progress line was on screen").toBeGreaterThan(0);
      for (const line of progress) expect(line).toMatch(new RegExp(`^settle: analysing \\d+/${FILES} files$`));
      const last = text.screens.at(-1)!;
      expect(last).not.toContain("analysing");
      expect(last.trimStart()).toMatch(/^settle: \d+ files would change/);

      const json = await screensOf(repo.dir, ["--dry-run", "-f", "json", "."], `settle-progress-json-${process.pid}`);
      expect(json.screens.some((s) => s.includes("analysing"))).toBe(false);
      expect(JSON.parse(json.stdout).counts.changed).toBeGreaterThanOrEqual(0);
    } finally {
      tmp.cleanup();
    }
  });
});
