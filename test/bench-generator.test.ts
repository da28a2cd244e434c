import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateRepo, generateRepoFiles } from "../bench/generate-repo.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(realpathSync(os.tmpdir()), "settle-gen-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("bench repository generator", () => {
  it("writes the same bytes for the same seed", () => {
    const a = generateRepo({ dir: tempDir(), files: 120, seed: 42, packages: 4 });
    const b = generateRepo({ dir: tempDir(), files: 120, seed: 42, packages: 4 });
    expect([...b.contents.keys()]).toEqual([...a.contents.keys()]);
    for (const rel of a.contents.keys()) {
      expect(readFileSync(path.join(b.dir, rel)).equals(readFileSync(path.join(a.dir, rel))), rel).toBe(true);
    }
  });

  it("varies with the seed", () => {
    const a = generateRepoFiles({ files: 60, seed: 1 });
    const b = generateRepoFiles({ files: 60, seed: 2 });
    expect([...a.contents.values()].join("")).not.toEqual([...b.contents.values()].join(""));
  });

  it("produces exactly the requested number of source files", () => {
    for (const [files, packages] of [[14, 1], [200, 1], [333, 3], [1000, 4]]) {
      const repo = generateRepoFiles({ files, packages, seed: 7 });
      expect(repo.sourceFiles).toHaveLength(files);
      expect(repo.packages).toHaveLength(packages);
    }
  });

  it("lays out a monorepo: package.json, tsconfig.json and serverless.yml per package, TS and JS", () => {
    const repo = generateRepoFiles({ files: 400, packages: 4, seed: 3 });
    for (const pkg of repo.packages) {
      for (const config of ["package.json", "tsconfig.json", "serverless.yml"]) expect(repo.contents.has(`${pkg.dir}/${config}`)).toBe(true);
    }
    expect(repo.packages.map((p) => p.language)).toEqual(["ts", "ts", "ts", "js"]);
    expect(repo.sourceFiles.some((f) => f.endsWith(".mjs"))).toBe(true);
    // Most files have no finding.
    expect(repo.plantedFindings.length).toBeGreaterThan(0);
    expect(repo.plantedFindings.length).toBeLessThan(repo.sourceFiles.length * 0.2);
  });

  it("refuses a size too small for its packages", () => {
    expect(() => generateRepoFiles({ files: 20, packages: 2 })).toThrow(RangeError);
  });
});
