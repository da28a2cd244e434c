import { execFileSync } from "node:child_process";
import path from "node:path";

/** Why a file may not be written without --force, or undefined when it may. */
export type WriteGuard = (file: string) => string | undefined;

/**
 * A guard that refuses files with uncommitted changes (modified, staged or untracked) and files
 * outside any git repository, whose only copy settle would otherwise overwrite.
 */
export function createGitGuard(): WriteGuard {
  const rootOfDir = new Map<string, string | null>();
  const dirtyOfRoot = new Map<string, Set<string>>();

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

  return (file) => {
    const root = repoRoot(path.dirname(file));
    if (!root) return "not in a git repository (use --force to write anyway)";
    if (dirtyFiles(root).has(path.resolve(file))) return "has uncommitted changes (commit them or use --force)";
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
