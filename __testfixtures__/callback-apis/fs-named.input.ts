import { readFile, writeFile } from "node:fs";

export async function handler(event: { file: string }) {
  readFile(event.file, "utf8", (err, text) => {
    if (err) throw err;
    writeFile(`${event.file}.bak`, text.toUpperCase(), (err) => {
      if (err) console.error("backup failed", err);
    });
  });
}
