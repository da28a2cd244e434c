const crypto = require("crypto");
const dns = require("node:dns");
const zlib = require("zlib");
const { execFile } = require("child_process");
const { randomBytes } = require("node:crypto");
const { promisify } = require("node:util");

exports.handler = async (event) => {
  gzip: {
    let compressed;
    try {
      compressed = await promisify(zlib.gzip)(event.body);
    } catch (err) {
      console.error("gzip failed", err);
      break gzip;
    }
    console.log("compressed to", compressed.length);
  }
  const buf = await promisify(randomBytes)(16);
  console.log("id", buf.toString("hex"));
  const key = await promisify(crypto.pbkdf2)(event.password, "salt", 1000, 32, "sha256");
  console.log("key", key.length);
  const { publicKey, privateKey } = await promisify(crypto.generateKeyPair)("ec", { namedCurve: "P-256" });
  console.log(publicKey.asymmetricKeyType, privateKey.type);
  lookup: {
    let address;
    try {
      ({ address } = await dns.promises.lookup(event.host, { family: 4 }));
    } catch {
      break lookup;
    }
    console.log("resolved", address);
  }
  lookup: {
    let addresses;
    try {
      addresses = await new Promise((resolve, reject) => dns.lookup(event.host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
    } catch {
      break lookup;
    }
    console.log("all", addresses.length);
  }
  const hostnames = await dns.promises.reverse("127.0.0.1");
  console.log(hostnames);
  const [stdout, stderr] = await new Promise((resolve, reject) => execFile("node", ["--version"], (err, stdout, stderr) => (err ? reject(err) : resolve([stdout, stderr]))));
  console.log(stdout.trim(), stderr.length);
  execFile: {
    try {
      await promisify(execFile)("git", ["status"]);
    } catch {
      break execFile;
    }
    console.log("clean");
  }
  return { ok: true };
};
