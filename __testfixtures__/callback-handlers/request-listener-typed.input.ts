import https from "node:https";
import type { Callback, Context } from "aws-lambda";

export const handler = (event: { url: string }, context: Context, callback: Callback<{ statusCode: number; body: string }>) => {
  const req = https.get(event.url, (res) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => (body += chunk));
    res.on("end", () => callback(null, { statusCode: res.statusCode ?? 500, body }));
  });
  req.on("error", callback);
};

export function viaContext(event: { url: string }, context: Context): void {
  const req = https.get(event.url, (res) => {
    res.resume();
    res.on("end", () => context.succeed(res.statusCode));
  });
  req.on("error", (err) => context.fail(err));
}
