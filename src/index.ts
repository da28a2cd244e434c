/** The programmatic API: run() returns data; the CLI only formats it. */
export { run, selectTransforms, UsageError, STRATEGIES } from "./run.js";
export type { RunOptions, RunResult, FileOutcome, FileStatus, RunMode } from "./run.js";
export { defineTransform } from "./define-transform.js";
export type { Transform, TransformContext, Finding, Strategy } from "./define-transform.js";
export { transformSource } from "./transform-source.js";
export { transforms } from "../transforms/index.js";
export { RULES, LEVELS, classifyReport } from "./findings.js";
export type { Rule, Level, ReportOptions } from "./findings.js";
export { FORMATS, formatJson, formatSarif, formatGithub } from "./formats.js";
export type { Format } from "./formats.js";
export { loadConfig, ConfigError } from "./config.js";
export type { SettleConfig } from "./config.js";
export type { TypeGap } from "./type-gaps.js";
