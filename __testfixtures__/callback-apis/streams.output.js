const fs = require('fs');
const stream = require('stream');
const zlib = require('zlib');
const { finished } = require('node:stream');
const { promisify } = require('node:util');

exports.handler = async (event) => {
  // The handler answers before the copy is done unless it waits for it.
  pipeline: {
    try {
      await stream.promises.pipeline(fs.createReadStream(event.source), zlib.createGzip(), fs.createWriteStream(event.target));
    } catch (err) {
      console.error('copy failed', err);
      break pipeline;
    }
    console.log('copied', event.target);
  }
  const log = fs.createWriteStream(event.log);
  log.end('done\n');
  await promisify(finished)(log);
  console.log('log written');
  const fd = await promisify(fs.open)(event.target, 'r');
  const { bytesRead, buffer } = await promisify(fs.read)(fd, Buffer.alloc(2), 0, 2, 0);
  console.log('magic', bytesRead, buffer.toString('hex'));
  return { ok: true };
};
