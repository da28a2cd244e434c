import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { closest } from "fastest-levenshtein";
import type { Strategy } from "./define-transform.js";

/** What a config file may set; flags given on the command line win over it. */
export interface SettleConfig {
  /** More ignore globs, relative to the folder settle runs in (added to --ignore). */
  ignore?: string[];
  /** Transform ids (like -t). */
  transforms?: string[];
  strategy?: Strategy;
}

export const CONFIG_FILE = "settle.config.json";
const KEYS = ["$schema", "ignore", "transforms", "strategy"] as const;

/** A config file that cannot be used: a one-line message (the CLI exits 2). */
export class ConfigError extends Error {}

/**
 * The config of the folder settle runs in: settle.config.json, else the "settle" key of its
 * package.json, else none. Only that folder is read, so a run does not change with where a
 * parent folder happens to be.
 */
export function loadConfig(cwd: string): { config: SettleConfig; file?: string } {
  const own = path.join(cwd, CONFIG_FILE);
  if (existsSync(own)) return { config: validate(parse(own), CONFIG_FILE), file: CONFIG_FILE };
  const pkgFile = path.join(cwd, "package.json");
  if (!existsSync(pkgFile)) return { config: {} };
  const pkg = parse(pkgFile);
  if (!pkg || typeof pkg !== "object" || !("settle" in pkg)) return { config: {} };
  return { config: validate((pkg as { settle: unknown }).settle, 'package.json "settle"'), file: "package.json" };
}

function parse(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${path.basename(file)}: not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
}

function validate(value: unknown, where: string): SettleConfig {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`${where}: must be an object`);
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`${where}: unknown key '${key}' (did you mean '${closest(key, [...KEYS.slice(1)])}'? known: ${KEYS.slice(1).join(", ")})`);
    }
  }
  const config: SettleConfig = {};
  if (raw.ignore !== undefined) config.ignore = strings(raw.ignore, `${where}: ignore`);
  if (raw.transforms !== undefined) {
    config.transforms = typeof raw.transforms === "string" ? raw.transforms.split(",").map((s) => s.trim()).filter(Boolean) : strings(raw.transforms, `${where}: transforms`);
  }
  if (raw.strategy !== undefined) {
    if (typeof raw.strategy !== "string") throw new ConfigError(`${where}: strategy must be a string`);
    config.strategy = raw.strategy as Strategy;
  }
  return config;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new ConfigError(`${where} must be an array of strings`);
  return value as string[];
}
