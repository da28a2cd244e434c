/**
 * What a callback-style entry point looks like on its platform, for planHandler (convert.ts): where
 * its context and callback are, which context methods answer, and what its old runtime did around
 * the answer. Lambda's `(event, context, callback)` is the default; Azure Functions v3's
 * `(context, ...inputs)` answering through `context.done` is the other one (azure.ts).
 */
export interface HandlerShape {
  /** Index of the context parameter. */
  context: number;
  /** Index of the callback parameter (removed by the conversion); absent when the function has none. */
  callback?: number;
  /** The context methods that answer the invocation. */
  methods: ReadonlySet<string>;
  /**
   * The old runtime answered only once the event loop was empty (Lambda's callback), so work started
   * beside the answer was waited for, and a path that ended without answering answered null.
   * False: the answer ended the invocation at once and a path without one never ended it (Azure v3).
   */
  waitsForEventLoop: boolean;
  /** The context may be handed to a helper that answers through it (Lambda's context adapter). */
  contextAdapter: boolean;
  /** The type package to install when the function's declared type cannot be resolved. */
  typePackage: string;
  /** In TypeScript, `resolve(undefined)` for an answer without a value (the promise's type is not void). */
  explicitUndefined: boolean;
  /** The function's reasons in the platform's words (identity for Lambda). */
  reword: (reason: string) => string;
}

export const LAMBDA_SHAPE: HandlerShape = {
  context: 1,
  callback: 2,
  methods: new Set(["succeed", "fail", "done"]),
  waitsForEventLoop: true,
  contextAdapter: true,
  typePackage: "@types/aws-lambda",
  explicitUndefined: false,
  reword: (reason) => reason,
};
