import * as dns from "node:dns";
import * as zlib from "node:zlib";
import { promisify } from "node:util";

const cache = new Map<string, Buffer>();

export async function handler(event: { host: string; body: string }): Promise<{ cached: number }> {
  lookup: {
    let address, family;
    try {
      ({ address, family } = await dns.promises.lookup(event.host));
    } catch {
      break lookup;
    }
    console.log(address, family);
  }
  gzip: {
    let compressed;
    try {
      compressed = await promisify(zlib.gzip)(event.body);
    } catch (err) {
      console.error("gzip failed", err);
      break gzip;
    }
    cache.set(event.host, compressed);
  }
  await dns.promises.resolve4(event.host);
  return { cached: cache.size };
}
