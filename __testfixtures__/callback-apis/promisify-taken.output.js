const zlib = require("zlib");
const dns = require("dns");

// A local `promisify` of another kind: the promise form goes around the call instead.
const promisify = (value) => Promise.resolve(value);

exports.handler = async (event) => {
  const deflated = await new Promise((resolve, reject) => zlib.deflate(event.body, (err, deflated) => (err ? reject(err) : resolve(deflated))));
  console.log(deflated.length);
  const { hostname, service } = await dns.promises.lookupService("127.0.0.1", 22);
  console.log(hostname, service);
  return promisify(event.id);
};
