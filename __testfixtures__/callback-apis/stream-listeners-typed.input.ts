import { createWriteStream } from "node:fs";

export const handler = async (event: { file: string; lines: string[] }) => {
  const out = createWriteStream(event.file);
  out.once("close", () => {
    console.log("closed", event.file);
  });
  for (const line of event.lines) out.write(`${line}\n`);
  out.end();
  return { lines: event.lines.length };
};
