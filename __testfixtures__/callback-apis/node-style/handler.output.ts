import * as dns from "node:dns";
import * as zlib from "node:zlib";

const cache = new Map<string, Buffer>();

export async function handler(event: { host: string; body: string }): Promise<{ cached: number }> {
  dns.lookup(event.host, (err, address, family) => {
    if (err) return;
    console.log(address, family);
  });
  gzip: {
    let compressed;
    try {
      compressed = await new Promise<NonSharedBuffer>((resolve, reject) => zlib.gzip(event.body, (err, compressed) => (err ? reject(err) : resolve(compressed))));
    } catch (err) {
      console.error("gzip failed", err);
      break gzip;
    }
    cache.set(event.host, compressed);
  }
  await new Promise<void>((resolve, reject) => dns.resolve4(event.host, (error) => (error ? reject(error) : resolve())));
  return { cached: cache.size };
}
