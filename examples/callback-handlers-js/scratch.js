'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

// Scheduled after the thumbnail runs: clear the scratch folder they leave in /tmp.
module.exports.cleanup = (event, context, callback) => {
  const scratch = path.join(os.tmpdir(), 'thumbnails');
  const summary = { cleared: scratch };
  fs.rm(scratch, { recursive: true, force: true }, (err) => {
    if (err) {
      console.error('could not clear', scratch, err);
      return;
    }
    console.log('cleared', scratch);
  });
  callback(null, summary);
};
