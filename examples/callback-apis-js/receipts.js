'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { notifyAccounting } = require('./accounting');

const SPOOL = process.env.SPOOL_DIR || '/tmp/receipts';

module.exports.save = async (event) => {
  const receipt = JSON.parse(event.body);
  const file = path.join(SPOOL, `${receipt.id}.json`);

  // Spool the receipt to disk for the nightly export.
  fs.writeFile(file, JSON.stringify(receipt), (err) => {
    if (err) {
      console.error('could not spool receipt', receipt.id, err);
      return;
    }
    console.log('spooled', file);
  });

  // Keep a compressed copy for the auditors.
  zlib.gzip(JSON.stringify(receipt), (err, zipped) => {
    if (err) {
      console.error('could not compress receipt', receipt.id, err);
      return;
    }
    fs.writeFile(`${file}.gz`, zipped, (err) => {
      if (err) console.error('could not archive receipt', receipt.id, err);
    });
  });

  // Accounting's endpoint is flaky right after a deploy: try once more a little later.
  setTimeout(() => {
    notifyAccounting(receipt.id);
  }, 250);

  return { statusCode: 202, body: JSON.stringify({ id: receipt.id }) };
};
