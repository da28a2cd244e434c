import { gunzip, gzip } from "node:zlib";
import * as crypto from "crypto";
import util from "node:util";

export const handler = async (event) => {
  gzip(event.body, (err, zipped) => {
    if (err) throw err;
    gunzip(zipped, (err, plain) => {
      if (err) throw err;
      console.log("round trip", plain.toString() === event.body);
    });
  });
  crypto.scrypt(event.password, "salt", 32, { N: 1024 }, (err, key) => {
    if (err) throw err;
    console.log(key.toString("hex"));
  });
  crypto.randomInt(100, (err, n) => {
    if (err) throw err;
    console.log("dice", n);
  });
  return util.format("%s done", event.id);
};
