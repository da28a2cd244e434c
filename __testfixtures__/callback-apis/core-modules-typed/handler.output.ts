import { lookup, resolveTxt } from "node:dns";
import { brotliCompress } from "zlib";
import * as crypto from "node:crypto";
import { promisify } from "util";

export async function handler(event: { host: string; body: string; password: string }): Promise<number> {
  let total = 0;
  const { address } = await promisify(lookup)(event.host);
  total += address.length;
  resolveTxt: {
    let records;
    try {
      records = await promisify(resolveTxt)(event.host);
    } catch (err) {
      console.warn("no TXT records", err);
      break resolveTxt;
    }
    total += records.length;
  }
  const compressed = await promisify(brotliCompress)(event.body);
  total += compressed.length;
  // @types/node types what `promisify(scrypt)` resolves to as `unknown`: in TypeScript the call gets `new Promise`.
  const key = await new Promise<NonSharedBuffer>((resolve, reject) => crypto.scrypt(event.password, "salt", 16, (err, key) => (err ? reject(err) : resolve(key))));
  total += key.length;
  {
    const key = await new Promise<NonSharedBuffer>((resolve, reject) => crypto.scrypt(event.password, "salt", 16, { N: 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
    total += key.length;
  }
  const { publicKey } = await promisify(crypto.generateKeyPair)("ec", { namedCurve: "P-256" });
  total += publicKey.symmetricKeySize ?? 0;
  return total;
}
