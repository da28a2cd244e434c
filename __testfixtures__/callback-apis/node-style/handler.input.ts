import * as dns from "node:dns";
import * as zlib from "node:zlib";

const cache = new Map<string, Buffer>();

export async function handler(event: { host: string; body: string }): Promise<{ cached: number }> {
  dns.lookup(event.host, (err, address, family) => {
    if (err) return;
    console.log(address, family);
  });
  zlib.gzip(event.body, (err, compressed) => {
    if (err) {
      console.error("gzip failed", err);
      return;
    }
    cache.set(event.host, compressed);
  });
  dns.resolve4(event.host, (error) => {
    if (error) throw error;
  });
  return { cached: cache.size };
}
