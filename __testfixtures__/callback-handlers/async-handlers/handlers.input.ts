import type { Callback, Context, S3Event } from "aws-lambda";
import { resize } from "./images";

/** Async already, but the unused third parameter makes Node.js 24 refuse it. */
export const thumbnail = async (event: S3Event, context: Context, callback: Callback) => {
  const keys = event.Records.map((r) => r.s3.object.key);
  return Promise.all(keys.map(resize));
};

export async function legacyArity(event: unknown, _context: unknown, _callback: unknown, _extra?: unknown) {
  return { ok: true };
}

export const mixed = async (event: { key: string }, context: Context, callback: Callback) => {
  const url = await resize(event.key);
  callback(null, { url });
};
