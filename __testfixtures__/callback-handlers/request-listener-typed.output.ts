import https from "node:https";
import type { Context } from "aws-lambda";

export const handler = async (event: { url: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    const req = https.get(event.url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ statusCode: res.statusCode ?? 500, body }));
    });
    req.on("error", (err: unknown, result: unknown) => (err != null ? reject(err) : resolve(result)));
  });
};

export async function viaContext(event: { url: string }, context: Context): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = https.get(event.url, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", (err) => reject(err ?? "handled"));
  });
}
