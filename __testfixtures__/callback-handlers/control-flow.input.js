"use strict";

exports.validate = (event, context, callback) => {
  for (const record of event.Records) {
    if (!record.body) {
      callback(new Error(`empty record ${record.messageId}`));
      return;
    }
  }
  let total = 0;
  for (const record of event.Records) {
    total += record.body.length;
  }
  if (total > 1000) {
    callback(null, { accepted: false, total });
    // too big: nothing else to do
    return;
  }
  callback(null, { accepted: true, total });
};

exports.kind = (event, context, callback) => {
  switch (typeof event.value) {
    case "number": {
      callback(null, "number");
      break;
    }
    case "string":
      if (event.value === "") {
        callback(null, "empty string");
        break;
      }
      callback(null, "string");
      break;
    default:
      callback(new TypeError(`unexpected ${typeof event.value}`));
  }
};

exports.parse = (event, context, callback) => {
  try {
    const body = JSON.parse(event.body);
    if (!body.id) {
      throw new Error("id required");
    }
    callback(null, body.id);
  } catch (err) {
    console.error(err);
    callback(err);
  }
};
