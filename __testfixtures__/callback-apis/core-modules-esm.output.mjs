import { gunzip, gzip } from "node:zlib";
import * as crypto from "crypto";
import util from "node:util";

export const handler = async (event) => {
  const zipped = await util.promisify(gzip)(event.body);
  const plain = await util.promisify(gunzip)(zipped);
  console.log("round trip", plain.toString() === event.body);
  const key = await util.promisify(crypto.scrypt)(event.password, "salt", 32, { N: 1024 });
  console.log(key.toString("hex"));
  const n = await util.promisify(crypto.randomInt)(100);
  console.log("dice", n);
  return util.format("%s done", event.id);
};
