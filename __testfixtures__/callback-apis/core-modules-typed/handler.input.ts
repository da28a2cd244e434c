import { lookup, resolveTxt } from "node:dns";
import { brotliCompress } from "zlib";
import * as crypto from "node:crypto";
import { promisify } from "util";

export async function handler(event: { host: string; body: string; password: string }): Promise<number> {
  let total = 0;
  lookup(event.host, (err, address) => {
    if (err) throw err;
    total += address.length;
  });
  resolveTxt(event.host, (err, records) => {
    if (err) {
      console.warn("no TXT records", err);
      return;
    }
    total += records.length;
  });
  brotliCompress(event.body, (err, compressed) => {
    if (err) throw err;
    total += compressed.length;
  });
  // @types/node types what `promisify(scrypt)` resolves to as `unknown`: in TypeScript the call gets `new Promise`.
  crypto.scrypt(event.password, "salt", 16, (err, key) => {
    if (err) throw err;
    total += key.length;
  });
  crypto.scrypt(event.password, "salt", 16, { N: 1024 }, (err, key) => {
    if (err) throw err;
    total += key.length;
  });
  crypto.generateKeyPair("ec", { namedCurve: "P-256" }, (err, publicKey) => {
    if (err) throw err;
    total += publicKey.symmetricKeySize ?? 0;
  });
  return total;
}
