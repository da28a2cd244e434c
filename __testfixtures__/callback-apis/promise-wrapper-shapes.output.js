const AWS = require("aws-sdk");
const fs = require("fs");
const zlib = require("zlib");
const { promisify } = require("node:util");

const dynamoDb = new AWS.DynamoDB.DocumentClient();

// The wrappers callback-handlers writes around a handler's callback work (same run, registry order).
exports.get = async (event, context) => {
  // handle potential errors
  let result;
  try {
    result = await dynamoDb.get({ TableName: "items", Key: { id: event.id } }).promise();
  } catch (error) {
    console.error(error);
    return {
      statusCode: error.statusCode || 501,
      body: "Couldn't fetch the item.",
    };
  }
  if (!result.Item) {
    return { statusCode: 404 };
  }
  return { statusCode: 200, body: JSON.stringify(result.Item) }; // found
};

exports.save = async (event, context) => {
  try {
    await fs.promises.writeFile(event.file, event.body);
  } catch (err) {
    console.error("could not save", err);
    throw err;
  }
  console.log("saved");
  return { saved: true };
};

exports.load = async (event, context) => {
  let text;
  try {
    text = await fs.promises.readFile(event.file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${event.file}: ${err.message}`);
  }
  if (text.length === 0) throw new Error("empty");
  return text;
};

exports.zip = async (event, context) => {
  const zipped = await promisify(zlib.gzip)(event.body);
  return zipped.toString("base64");
};

// A callback that ends by starting the next callback call: both are awaited in turn.
exports.update = async (event, context) => {
  await dynamoDb.update({ TableName: "items", Key: { id: event.id } }).promise();
  const fresh = await dynamoDb.get({ TableName: "items", Key: { id: event.id } }).promise();
  return {
    statusCode: 200,
    body: JSON.stringify(fresh && fresh.Item),
  };
};

exports.pack = async (event, context) => {
  let data;
  try {
    data = await fs.promises.readFile(event.file);
  } catch (err) {
    console.error("read failed", err);
    throw err;
  }
  let zipped;
  try {
    zipped = await promisify(zlib.gzip)(data);
  } catch {
    return { statusCode: 500 };
  }
  return { statusCode: 200, body: zipped.toString("base64") };
};

// Left as they are: an error branch that does not end the callback, a rejection inside a try block
// (its throw would be caught there), and a path that never settles.
exports.goesOn = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, (err, data) => {
      if (err) reject(err);
      resolve(data);
    });
  });
};

exports.guarded = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, "utf8", (err, text) => {
      if (err) return reject(err);
      try {
        if (text === "") return reject(new Error("empty"));
        console.log(JSON.parse(text));
      } catch (e) {
        console.error(e);
      }
      resolve(text);
    });
  });
};

exports.hangs = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, (err, data) => {
      if (err) return reject(err);
      if (data.length === 0) return;
      resolve(data);
    });
  });
};
