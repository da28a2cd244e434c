const fs = require('fs');
const stream = require('stream');
const zlib = require('zlib');
const { finished } = require('node:stream');

exports.handler = async (event) => {
  // The handler answers before the copy is done unless it waits for it.
  stream.pipeline(fs.createReadStream(event.source), zlib.createGzip(), fs.createWriteStream(event.target), (err) => {
    if (err) {
      console.error('copy failed', err);
      return;
    }
    console.log('copied', event.target);
  });
  const log = fs.createWriteStream(event.log);
  log.end('done\n');
  finished(log, (err) => {
    if (err) throw err;
    console.log('log written');
  });
  fs.open(event.target, 'r', (err, fd) => {
    if (err) throw err;
    fs.read(fd, Buffer.alloc(2), 0, 2, 0, (error, bytesRead, buffer) => {
      if (error) throw error;
      console.log('magic', bytesRead, buffer.toString('hex'));
    });
  });
  return { ok: true };
};
