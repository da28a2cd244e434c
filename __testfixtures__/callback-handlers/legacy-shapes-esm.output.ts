import type { Context } from "aws-lambda";
import { S3 } from "aws-sdk";
import { api, db } from "./services.js";

const s3 = new S3();

export const nested = async (event: { id: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err: Error | null, item?: { id: string }) => {
      if (err) return reject(err);
      resolve(item);
    });
  });
};

export async function chainRefs(event: { id: string }, context: Context): Promise<unknown> {
  return new Promise((resolve, reject) => {
    db.load(event.id).then(resolve).catch(reject);
  });
}

export const getObject = async (event: { key: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    s3.getObject({ Bucket: "photos", Key: event.key }, (err: unknown, result: unknown) => (err != null ? reject(err) : resolve(result)));
  });
};

export const apiGet = async (event: { path: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    api.get(event.path, (err: unknown, result: unknown) => (err != null ? reject(err) : resolve(result)));
  });
};

export const quiet = async (event: { id: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err: Error | null, item?: { id: string }) => {
      if (err) {
        console.error(err);
        return resolve(undefined);
      }
      resolve(item);
    });
  });
};

export const twice = async (event: { early?: boolean }, context: Context) => {
  return new Promise((resolve, reject) => {
    if (event.early) resolve("early");
    resolve("late");
  });
};

export const ternary = async (event: { ok?: boolean }, context: Context) => {
  return new Promise((resolve, reject) => {
    event.ok ? resolve("yes") : reject(new Error("no"));
  });
};
