import { readFileSync } from "node:fs";
import path from "node:path";
import { ts, type CompilerOptions } from "ts-morph";
import { INFERRED_OPTIONS, type ProjectGroup } from "./project.js";

/**
 * `--shard <i>/<n>`: a CI matrix runs settle on n machines, each over its part of the tsconfig groups.
 * Groups that import each other stay in one shard (a handler of one package reaches functions of
 * another, and only a run that analyses both rewrites them), and the shards are balanced by file
 * count. The split depends only on the files and their imports, so every machine computes the same one.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/4` → { index: 2, count: 4 }, or why it is not `<i>/<n>` with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | { invalid: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { invalid: `--shard takes <i>/<n>, such as 1/4 (got '${text}')` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { invalid: `--shard ${text}: i must be between 1 and n` };
  return { index, count };
}

/**
 * The groups of one shard. Linked groups (one imports a file of the other, through a relative path, a
 * workspace package or `paths`) form one part; parts go, largest first, to the shard with the fewest
 * files so far (the lowest index on a tie), so that each group is in exactly one shard.
 */
export function groupsOfShard(groups: readonly ProjectGroup[], shard: Shard, links = importLinks(groups)): ProjectGroup[] {
  return splitIntoShards(linkedParts(groups, links), shard.count)[shard.index - 1] ?? [];
}

/** Parts as shards: largest part first (then by its first file, for a split every machine agrees on). */
export function splitIntoShards(parts: readonly ProjectGroup[][], count: number): ProjectGroup[][] {
  // Each part's size and first file, computed once (not in every comparison of the sort).
  const keyed = parts.map((part) => ({
    part,
    size: part.reduce((n, g) => n + g.files.length, 0),
    first: part.flatMap((g) => g.files).reduce((min, f) => (min === "" || f < min ? f : min), ""),
  }));
  keyed.sort((a, b) => b.size - a.size || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const shards: ProjectGroup[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  for (const { part, size } of keyed) {
    const target = load.indexOf(Math.min(...load));
    shards[target]!.push(...part);
    load[target]! += size;
  }
  return shards;
}

/** Groups joined by their links (union-find), each part in the groups' order. */
export function linkedParts(groups: readonly ProjectGroup[], links: ReadonlyArray<readonly [number, number]>): ProjectGroup[][] {
  const parent = groups.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [a, b] of links) parent[root(a)] = root(b);
  const parts = new Map<number, ProjectGroup[]>();
  groups.forEach((g, i) => {
    const r = root(i);
    const part = parts.get(r);
    if (part) part.push(g);
    else parts.set(r, [g]);
  });
  return [...parts.values()];
}

/**
 * Which groups import a file of another group, read from the files' import and require specifiers
 * (no program is built) and resolved with each group's compiler options, as its program would.
 */
export function importLinks(groups: readonly ProjectGroup[]): Array<[number, number]> {
  const owner = new Map<string, number>();
  groups.forEach((g, i) => g.files.forEach((f) => owner.set(path.resolve(f), i)));
  const links: Array<[number, number]> = [];
  groups.forEach((group, i) => {
    const options = compilerOptions(group.tsconfig);
    const cache = ts.createModuleResolutionCache(path.dirname(group.tsconfig ?? group.files[0] ?? "."), (f) => f, options);
    const linked = new Set<number>();
    for (const file of group.files) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue; // the run reports it
      }
      for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(fileName, file, options, ts.sys, cache).resolvedModule?.resolvedFileName;
        const other = resolved === undefined ? undefined : owner.get(path.resolve(resolved));
        if (other !== undefined && other !== i && !linked.has(other)) {
          linked.add(other);
          links.push([i, other]);
        }
      }
    }
  });
  return links;
}

function compilerOptions(tsconfig: string | undefined): CompilerOptions {
  if (!tsconfig) return { ...INFERRED_OPTIONS };
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  // A broken tsconfig is reported by the run; its files are analysed with the inferred options there too.
  return { allowJs: true, ...(parsed?.options ?? INFERRED_OPTIONS) };
}
