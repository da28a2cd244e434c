import { createWriteStream } from "node:fs";
import { once } from "node:events";

export const handler = async (event: { file: string; lines: string[] }) => {
  const out = createWriteStream(event.file);
  for (const line of event.lines) out.write(`${line}\n`);
  out.end();
  await once(out, "close");
  console.log("closed", event.file);
  return { lines: event.lines.length };
};
