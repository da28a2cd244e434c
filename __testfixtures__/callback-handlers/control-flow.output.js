"use strict";

exports.validate = async (event, context) => {
  for (const record of event.Records) {
    if (!record.body) {
      throw new Error(`empty record ${record.messageId}`);
    }
  }
  let total = 0;
  for (const record of event.Records) {
    total += record.body.length;
  }
  if (total > 1000) {
    return { accepted: false, total };
    // too big: nothing else to do
    return;
  }
  return { accepted: true, total };
};

exports.kind = async (event, context) => {
  switch (typeof event.value) {
    case "number": {
      return "number";
    }
    case "string":
      if (event.value === "") {
        return "empty string";
      }
      return "string";
    default:
      throw new TypeError(`unexpected ${typeof event.value}`);
  }
};

exports.parse = async (event, context) => {
  try {
    const body = JSON.parse(event.body);
    if (!body.id) {
      throw new Error("id required");
    }
    return body.id;
  } catch (err) {
    console.error(err);
    throw err;
  }
};
