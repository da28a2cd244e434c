"use strict";

const AWS = require("aws-sdk");

const dynamoDb = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.DYNAMODB_TABLE;

module.exports.get = async (event, context) => {
  const params = {
    TableName: TABLE,
    Key: { id: event.pathParameters.id },
  };

  // fetch the item from the database
  return new Promise((resolve, reject) => {
    dynamoDb.get(params, (error, result) => {
      // handle potential errors
      if (error) {
        console.error(error);
        resolve({
          statusCode: error.statusCode || 501,
          headers: { "Content-Type": "text/plain" },
          body: "Couldn't fetch the item.",
        });
        return;
      }

      resolve({ statusCode: 200, body: JSON.stringify(result.Item) });
    });
  });
};

module.exports.update = async (event, context) => {
  const data = JSON.parse(event.body);
  if (typeof data.text !== "string") {
    return { statusCode: 400, body: "Couldn't update the item." };
  }
  const params = {
    TableName: TABLE,
    Key: { id: event.pathParameters.id },
    UpdateExpression: "SET #text = :text, updatedAt = :updatedAt",
    ExpressionAttributeNames: { "#text": "text" },
    ExpressionAttributeValues: { ":text": data.text, ":updatedAt": Date.now() },
    ReturnValues: "ALL_NEW",
  };
  return new Promise((resolve, reject) => {
    dynamoDb.update(params, (error, result) => {
      if (error) return reject(error);
      dynamoDb.get({ TableName: TABLE, Key: params.Key }, (err, fresh) => (err != null ? reject(err) : resolve({
        statusCode: 200,
        body: JSON.stringify(fresh && fresh.Item),
      })));
    });
  });
};

module.exports.remove = async (event, context) => {
  return new Promise((resolve, reject) => {
    dynamoDb
      .delete({ TableName: TABLE, Key: { id: event.pathParameters.id } })
      .promise()
      .then(() => resolve({ statusCode: 204 }))
      .catch(reject);
  });
};
