import path from "node:path";
import type { ProjectGroup } from "./project.js";

/**
 * Reach across tsconfig boundaries (a monorepo): a handler of package A calls into package B, whose
 * files have their own tsconfig and so their own group and Project. A's program reads B's files and
 * follows the calls into them, but only B's group edits B's files (with B's compiler options, and one
 * edit per file however many packages reach it). So A's group tells which of B's functions it
 * reaches (by functionKey), and B's group treats them as inside an invocation. Groups are analysed
 * in order; a group that learns of new reached functions after its analysis is analysed again (its
 * files are untouched until the run writes), until nothing new is reached: the key sets only grow.
 */
export class CrossReach {
  private readonly owners = new Map<string, ProjectGroup>();
  private readonly keys = new Map<string, Set<string>>();
  private readonly queue: ProjectGroup[];
  private readonly analysed = new Set<ProjectGroup>();
  /** Files outside the run's files that the run's entry points reach (not rewritten). */
  readonly outside = new Set<string>();

  constructor(groups: readonly ProjectGroup[]) {
    this.queue = [...groups];
    for (const group of groups) for (const file of group.files) this.owners.set(normal(file), group);
  }

  /** The next group to analyse (again, when it was analysed before new functions of it were reached). */
  next(): ProjectGroup | undefined {
    const group = this.queue.shift();
    if (group) this.analysed.add(group);
    return group;
  }

  /** The group whose files include `file`, if any. */
  ownerOf(file: string): ProjectGroup | undefined {
    return this.owners.get(normal(file));
  }

  /** Keys of the functions of `file` that other groups' entry points reach. */
  reachedIn(file: string): ReadonlySet<string> | undefined {
    return this.keys.get(normal(file));
  }

  /** `from`'s entry points reach the function `key` of `file` (key undefined: a function with no name of its own). */
  reached(from: ProjectGroup, file: string, key: string | undefined): void {
    const owner = this.owners.get(normal(file));
    if (!owner) {
      this.outside.add(path.resolve(file));
      return;
    }
    // Its own group's file it could not load, or a function reached through the named one that holds it.
    if (owner === from || key === undefined) return;
    let keys = this.keys.get(normal(file));
    if (!keys) this.keys.set(normal(file), (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    if (this.analysed.has(owner) && !this.queue.includes(owner)) this.queue.push(owner);
  }
}

function normal(file: string): string {
  return path.resolve(file).split(path.sep).join("/");
}
