const crypto = require("crypto");
const dns = require("node:dns");
const zlib = require("zlib");
const { execFile } = require("child_process");
const { randomBytes } = require("node:crypto");

exports.handler = async (event) => {
  zlib.gzip(event.body, (err, compressed) => {
    if (err) {
      console.error("gzip failed", err);
      return;
    }
    console.log("compressed to", compressed.length);
  });
  randomBytes(16, (err, buf) => {
    if (err) throw err;
    console.log("id", buf.toString("hex"));
  });
  crypto.pbkdf2(event.password, "salt", 1000, 32, "sha256", (err, key) => {
    if (err) throw err;
    console.log("key", key.length);
  });
  crypto.generateKeyPair("ec", { namedCurve: "P-256" }, (err, publicKey, privateKey) => {
    if (err) throw err;
    console.log(publicKey.asymmetricKeyType, privateKey.type);
  });
  dns.lookup(event.host, { family: 4 }, (err, address) => {
    if (err) return;
    console.log("resolved", address);
  });
  dns.lookup(event.host, { all: true }, (err, addresses) => {
    if (err) return;
    console.log("all", addresses.length);
  });
  dns.reverse("127.0.0.1", (err, hostnames) => {
    if (err) throw err;
    console.log(hostnames);
  });
  execFile("node", ["--version"], (err, stdout, stderr) => {
    if (err) throw err;
    console.log(stdout.trim(), stderr.length);
  });
  execFile("git", ["status"], (err) => {
    if (err) return;
    console.log("clean");
  });
  return { ok: true };
};
