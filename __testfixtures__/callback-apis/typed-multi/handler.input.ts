import { exec } from "node:child_process";
import * as dns from "node:dns";
import { geo, measure } from "./geo";

export async function handler(event: { id: string; host: string; file: string }): Promise<string[]> {
  const out: string[] = [];
  geo.locate(event.id, (err, lat, lng) => {
    if (err) throw err;
    out.push(`${lat},${lng}`);
  });
  measure(event.file, (err, size, lines) => {
    if (err) {
      console.error("measure failed", err);
      return;
    }
    out.push(`${lines} lines`);
  });
  dns.lookup(event.host, (err, address, family) => {
    if (err) throw err;
    out.push(`${address} (IPv${family})`);
  });
  dns.lookupService("127.0.0.1", 22, (err, hostname, service) => {
    if (err) return;
    out.push(`${hostname}:${service}`);
  });
  exec("git rev-parse HEAD", (err, stdout) => {
    if (err) {
      console.error("no git", err);
      return;
    }
    out.push(stdout.trim());
  });
  exec("date", (err, stdout) => {
    if (err) return;
    out.push(stdout);
  });
  dns.lookup(event.host, { all: true }, (err, addresses) => {
    if (err) throw err;
    out.push(...addresses.map((a) => a.address));
  });
  exec("uname -a", (err, stdout, stderr) => {
    if (err) throw err;
    out.push(stdout.trim(), stderr);
  });
  return out;
}
