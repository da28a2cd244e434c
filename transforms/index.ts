import type { Transform } from "../src/define-transform.js";
import floatingPromises from "./floating-promises/index.js";

/** THE registry: every transform, in the order they run. The only place transforms are listed. */
export const transforms: readonly Transform[] = [floatingPromises];
