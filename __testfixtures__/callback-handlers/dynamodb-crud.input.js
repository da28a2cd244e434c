"use strict";

const AWS = require("aws-sdk");

const dynamoDb = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.DYNAMODB_TABLE;

module.exports.get = (event, context, callback) => {
  const params = {
    TableName: TABLE,
    Key: { id: event.pathParameters.id },
  };

  // fetch the item from the database
  dynamoDb.get(params, (error, result) => {
    // handle potential errors
    if (error) {
      console.error(error);
      callback(null, {
        statusCode: error.statusCode || 501,
        headers: { "Content-Type": "text/plain" },
        body: "Couldn't fetch the item.",
      });
      return;
    }

    callback(null, { statusCode: 200, body: JSON.stringify(result.Item) });
  });
};

module.exports.update = (event, context, callback) => {
  const data = JSON.parse(event.body);
  if (typeof data.text !== "string") {
    return callback(null, { statusCode: 400, body: "Couldn't update the item." });
  }
  const params = {
    TableName: TABLE,
    Key: { id: event.pathParameters.id },
    UpdateExpression: "SET #text = :text, updatedAt = :updatedAt",
    ExpressionAttributeNames: { "#text": "text" },
    ExpressionAttributeValues: { ":text": data.text, ":updatedAt": Date.now() },
    ReturnValues: "ALL_NEW",
  };
  dynamoDb.update(params, (error, result) => {
    if (error) return callback(error);
    dynamoDb.get({ TableName: TABLE, Key: params.Key }, (err, fresh) => callback(err, {
      statusCode: 200,
      body: JSON.stringify(fresh && fresh.Item),
    }));
  });
};

module.exports.remove = (event, context, callback) => {
  dynamoDb
    .delete({ TableName: TABLE, Key: { id: event.pathParameters.id } })
    .promise()
    .then(() => callback(null, { statusCode: 204 }))
    .catch(callback);
};
