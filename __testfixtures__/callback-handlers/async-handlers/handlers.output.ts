import type { Context, S3Event } from "aws-lambda";
import { resize } from "./images";

/** Async already, but the unused third parameter makes Node.js 24 refuse it. */
export const thumbnail = async (event: S3Event, context: Context) => {
  const keys = event.Records.map((r) => r.s3.object.key);
  return Promise.all(keys.map(resize));
};

export async function legacyArity(event: unknown, _context: unknown) {
  return { ok: true };
}

export const mixed = async (event: { key: string }, context: Context) => {
  const url = await resize(event.key);
  return { url };
};
