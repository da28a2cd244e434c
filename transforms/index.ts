import type { Transform } from "../src/define-transform.js";
import callbackApis from "./callback-apis/index.js";
import callbackHandlers from "./callback-handlers/index.js";
import emitters from "./emitters/index.js";
import floatingPromises from "./floating-promises/index.js";

/**
 * THE registry: every transform, in the order they run. The only place transforms are listed.
 * callback-handlers comes first: once a handler is async, floating-promises awaits its floating work in the same run.
 * callback-apis comes after callback-handlers, so a handler it made async awaits promise forms in the same run, and before
 * floating-promises, which then awaits the promises of the callback bodies it moved after the await.
 * emitters comes before floating-promises: `emit` returns a boolean, and its listeners are what escapes.
 */
export const transforms: readonly Transform[] = [callbackHandlers, callbackApis, emitters, floatingPromises];
