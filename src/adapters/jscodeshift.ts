import type { API, FileInfo, Options } from "jscodeshift";
import type { Strategy, Transform } from "../define-transform.js";
import { transformSource } from "../transform-source.js";

/** A jscodeshift module for a transform: single-file mode, with local type information only. */
export function toJscodeshift(transform: Transform): (file: FileInfo, api: API, options: Options) => string {
  return (file, api, options) => {
    const result = transformSource(file.path, file.source, [transform], { strategy: options.strategy as Strategy | undefined });
    for (const f of result.findings) api.report?.(`${file.path}:${f.line}:${f.column}  ${f.transform}  ${f.blocking ? "[blocking] " : ""}${f.reason}`);
    if (result.failure) throw new Error(`${file.path}: ${result.failure}`);
    // The untouched source (not undefined) tells jscodeshift the file was read and left "unmodified".
    return result.text;
  };
}
