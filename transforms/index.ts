import type { Transform } from "../src/define-transform.js";
import callbackHandlers from "./callback-handlers/index.js";
import floatingPromises from "./floating-promises/index.js";

/**
 * THE registry: every transform, in the order they run. The only place transforms are listed.
 * callback-handlers comes first: once a handler is async, floating-promises awaits its floating work in the same run.
 */
export const transforms: readonly Transform[] = [callbackHandlers, floatingPromises];
