const zlib = require("zlib");
const dns = require("dns");

// A local `promisify` of another kind: the promise form goes around the call instead.
const promisify = (value) => Promise.resolve(value);

exports.handler = async (event) => {
  zlib.deflate(event.body, (err, deflated) => {
    if (err) throw err;
    console.log(deflated.length);
  });
  dns.lookupService("127.0.0.1", 22, (err, hostname, service) => {
    if (err) throw err;
    console.log(hostname, service);
  });
  return promisify(event.id);
};
