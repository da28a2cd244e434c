import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";

/** Why a file may not be written without --force, or undefined when it may. */
export type WriteGuard = (file: string) => string | undefined;

/**
 * A guard that refuses files with uncommitted changes (modified, staged, untracked or ignored, i.e.
 * not committed) and files outside any git repository: their only copy settle would otherwise overwrite.
 */
export function createGitGuard(): WriteGuard {
  const rootOfDir = new Map<string, string | null>();
  const dirtyOfRoot = new Map<string, Set<string>>();
  const trackedOfRoot = new Map<string, Set<string>>();

  const repoRoot = (dir: string): string | null => {
    let root = rootOfDir.get(dir);
    if (root === undefined) {
      root = git(dir, ["rev-parse", "--show-toplevel"])?.trim() ?? null;
      rootOfDir.set(dir, root);
    }
    return root;
  };

  const dirtyFiles = (root: string): Set<string> => {
    let dirty = dirtyOfRoot.get(root);
    if (!dirty) {
      const out = git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]) ?? "";
      dirty = new Set();
      const entries = out.split("\0");
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (entry.length < 4) continue;
        dirty.add(path.resolve(root, entry.slice(3)));
        if (entry[0] === "R" || entry[0] === "C") i++; // the rename's source path follows
      }
      dirtyOfRoot.set(root, dirty);
    }
    return dirty;
  };

  const trackedFiles = (root: string): Set<string> => {
    let tracked = trackedOfRoot.get(root);
    if (!tracked) {
      const out = git(root, ["ls-files", "-z", "--cached"]) ?? "";
      tracked = new Set(out.split("\0").filter(Boolean).map((f) => path.resolve(root, f)));
      trackedOfRoot.set(root, tracked);
    }
    return tracked;
  };

  return (file) => {
    // git reports real paths; a path through a symlinked folder must be compared as git sees it.
    const real = realpathSync(file);
    const root = repoRoot(path.dirname(real));
    if (!root) return "not in a git repository (use --force to write anyway)";
    if (dirtyFiles(root).has(real)) return "has uncommitted changes (commit them or use --force)";
    if (!trackedFiles(root).has(real)) return "not committed to git (commit it or use --force)";
    return undefined;
  };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}
