/**
 * Moved to src/types/ (one interface for type questions, TypeScript 6 and 7 backends). This
 * re-export keeps imports of the node-based questions working; ask src/types/index.js instead.
 */
export { CHECKER_FAILED, isCheckerFailure, isSyntacticPromise, promiseKindOf, type PromiseKind } from "./types/index.js";
