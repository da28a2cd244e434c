import { readFile, writeFile } from "node:fs";
import { promisify } from "node:util";

export async function handler(event: { file: string }) {
  const text = await promisify(readFile)(event.file, "utf8");
  try {
    await promisify(writeFile)(`${event.file}.bak`, text.toUpperCase());
  } catch (err) {
    console.error("backup failed", err);
  }
}
