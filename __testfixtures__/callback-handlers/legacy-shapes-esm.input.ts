import type { Callback, Context } from "aws-lambda";
import { S3 } from "aws-sdk";
import { api, db } from "./services.js";

const s3 = new S3();

export const nested = (event: { id: string }, context: Context) => {
  db.get(event.id, (err: Error | null, item?: { id: string }) => {
    if (err) return context.fail(err);
    context.succeed(item);
  });
};

export function chainRefs(event: { id: string }, context: Context): void {
  db.load(event.id).then(context.succeed).catch(context.fail);
}

export const getObject = (event: { key: string }, context: Context) => {
  s3.getObject({ Bucket: "photos", Key: event.key }, context.done);
};

export const apiGet = (event: { path: string }, context: Context, callback: Callback) => {
  api.get(event.path, callback);
};

export const quiet = (event: { id: string }, context: Context, callback: Callback) => {
  db.get(event.id, (err: Error | null, item?: { id: string }) => {
    if (err) {
      console.error(err);
      return;
    }
    callback(null, item);
  });
};

export const twice = (event: { early?: boolean }, context: Context, callback: Callback<string>) => {
  if (event.early) callback(null, "early");
  callback(null, "late");
};

export const ternary = (event: { ok?: boolean }, context: Context, callback: Callback<string>) => {
  event.ok ? callback(null, "yes") : callback(new Error("no"));
};
