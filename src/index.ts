/** The programmatic API: run() returns data; the CLI only formats it. */
export { run, selectTransforms, UsageError, STRATEGIES } from "./run.js";
export type { RunOptions, RunResult, FileOutcome, FileStatus, RunMode } from "./run.js";
export { defineTransform } from "./define-transform.js";
export type { Transform, TransformContext, Finding, Strategy } from "./define-transform.js";
export { transformSource } from "./transform-source.js";
export { transforms } from "../transforms/index.js";
