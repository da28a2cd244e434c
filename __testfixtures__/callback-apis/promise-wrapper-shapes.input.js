const AWS = require("aws-sdk");
const fs = require("fs");
const zlib = require("zlib");

const dynamoDb = new AWS.DynamoDB.DocumentClient();

// The wrappers callback-handlers writes around a handler's callback work (same run, registry order).
exports.get = async (event, context) => {
  return new Promise((resolve, reject) => {
    dynamoDb.get({ TableName: "items", Key: { id: event.id } }, (error, result) => {
      // handle potential errors
      if (error) {
        console.error(error);
        resolve({
          statusCode: error.statusCode || 501,
          body: "Couldn't fetch the item.",
        });
        return;
      }
      if (!result.Item) {
        resolve({ statusCode: 404 });
        return;
      }
      resolve({ statusCode: 200, body: JSON.stringify(result.Item) }); // found
    });
  });
};

exports.save = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.writeFile(event.file, event.body, (err) => {
      if (err) {
        console.error("could not save", err);
        return reject(err);
      }
      console.log("saved");
      resolve({ saved: true });
    });
  });
};

exports.load = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, "utf8", (err, text) => {
      if (err) {
        reject(new Error(`cannot read ${event.file}: ${err.message}`));
        return;
      }
      if (text.length === 0) return reject(new Error("empty"));
      resolve(text);
    });
  });
};

exports.zip = async (event, context) => {
  return new Promise((resolve, reject) => {
    zlib.gzip(event.body, (err, zipped) => {
      if (err) return reject(err);
      resolve(zipped.toString("base64"));
    });
  });
};

// A callback that ends by starting the next callback call: both are awaited in turn.
exports.update = async (event, context) => {
  return new Promise((resolve, reject) => {
    dynamoDb.update({ TableName: "items", Key: { id: event.id } }, (error, result) => {
      if (error) return reject(error);
      dynamoDb.get({ TableName: "items", Key: { id: event.id } }, (err, fresh) => (err != null ? reject(err) : resolve({
        statusCode: 200,
        body: JSON.stringify(fresh && fresh.Item),
      })));
    });
  });
};

exports.pack = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, (err, data) => {
      if (err) {
        console.error("read failed", err);
        return reject(err);
      }
      zlib.gzip(data, (err, zipped) => {
        if (err) return resolve({ statusCode: 500 });
        resolve({ statusCode: 200, body: zipped.toString("base64") });
      });
    });
  });
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
