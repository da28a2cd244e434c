import { helper } from "./helper.mjs";

/** ESM: the context goes to a helper module of the project that answers through context.succeed/fail. */
export const handler = (event, context) => {
  helper(event, context);
};
