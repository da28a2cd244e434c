"use strict";

// A project helper whose error is a status code: 0 and false are errors here too (not null).
const CODES = { off: false, zero: 0, blank: "" };

exports.check = (id, cb) => {
  const err = id in CODES ? CODES[id] : null;
  if (err !== null) return cb(err);
  cb(null, { id });
};
