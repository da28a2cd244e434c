const fs = require('fs');
const { once } = require('node:events');

// Reported: a pipe leaves the target open when the source fails; the stream is ended elsewhere.
exports.copy = async (event) => {
  const source = fs.createReadStream(event.source);
  const target = fs.createWriteStream(event.target);
  source.pipe(target);
  target.on('close', () => {
    console.log('copied');
  });
  return { ok: true };
};

exports.unknown = async (event) => {
  const out = fs.createWriteStream(event.file);
  out.on('finish', () => console.log('written'));
  event.writer(out);
  return { ok: true };
};

// The listener of a file stream runs after the handler answered: awaited once the stream is ended.
exports.handler = async (event) => {
  const out = fs.createWriteStream(event.file);
  out.on('finish', () => console.log('written', out.bytesWritten));
  out.write(event.body);
  out.end();
  return { ok: true };
};
