import { createReadStream, createWriteStream } from "node:fs";
import * as stream from "node:stream";
import { createGzip } from "node:zlib";

export const handler = async (event: { source: string; target: string }) => {
  await stream.promises.pipeline(createReadStream(event.source), createGzip(), createWriteStream(event.target));
  console.log("copied", event.target);
  return { ok: true };
};
