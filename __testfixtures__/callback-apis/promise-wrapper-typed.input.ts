import * as dns from "node:dns";
import * as fs from "node:fs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  return new Promise<APIGatewayProxyResult>((resolve, reject) => {
    fs.readFile(`/tmp/${event.path}`, "utf8", (err, text) => {
      if (err) {
        console.error("read failed", err);
        return reject(err);
      }
      resolve({ statusCode: 200, body: text });
    });
  });
};

export const resolveHost = async (event: { host: string }) => {
  return new Promise<string>((resolve, reject) => {
    dns.lookup(event.host, (err, address, family) => {
      if (err) return reject(err);
      resolve(`${address}/${family}`);
    });
  });
};

// Left as it is: TypeScript types the catch clause's error as `unknown`, so `err.message` would not type-check.
export const described = async (event: { file: string }) => {
  return new Promise<string>((resolve, reject) => {
    fs.readFile(event.file, "utf8", (err, text) => {
      if (err) {
        reject(new Error(`cannot read: ${err.message}`));
        return;
      }
      resolve(text);
    });
  });
};
