import * as dns from "node:dns";
import * as fs from "node:fs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  let text;
  try {
    text = await fs.promises.readFile(`/tmp/${event.path}`, "utf8");
  } catch (err) {
    console.error("read failed", err);
    throw err;
  }
  return { statusCode: 200, body: text };
};

export const resolveHost = async (event: { host: string }) => {
  const { address, family } = await dns.promises.lookup(event.host);
  return `${address}/${family}`;
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
