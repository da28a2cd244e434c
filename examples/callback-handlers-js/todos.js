'use strict';

const crypto = require('crypto');
const AWS = require('aws-sdk');

const dynamoDb = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.DYNAMODB_TABLE;

module.exports.create = (event, context, callback) => {
  const timestamp = new Date().getTime();
  const data = JSON.parse(event.body);
  if (typeof data.text !== 'string') {
    console.error('Validation Failed');
    callback(null, {
      statusCode: 400,
      headers: { 'Content-Type': 'text/plain' },
      body: "Couldn't create the todo item.",
    });
    return;
  }

  const params = {
    TableName: TABLE,
    Item: {
      id: crypto.randomUUID(),
      text: data.text,
      checked: false,
      createdAt: timestamp,
      updatedAt: timestamp,
    },
  };

  // write the todo to the database
  dynamoDb.put(params, (error) => {
    // handle potential errors
    if (error) {
      console.error(error);
      callback(null, {
        statusCode: error.statusCode || 501,
        headers: { 'Content-Type': 'text/plain' },
        body: "Couldn't create the todo item.",
      });
      return;
    }

    callback(null, { statusCode: 200, body: JSON.stringify(params.Item) });
  });
};

module.exports.get = (event, context, callback) => {
  const params = {
    TableName: TABLE,
    Key: { id: event.pathParameters.id },
  };

  dynamoDb.get(params, (error, result) => {
    if (error) {
      console.error(error);
      return callback(error);
    }
    if (!result.Item) {
      return callback(null, { statusCode: 404, body: 'Not found' });
    }
    callback(null, { statusCode: 200, body: JSON.stringify(result.Item) });
  });
};

module.exports.delete = (event, context, callback) => {
  dynamoDb
    .delete({ TableName: TABLE, Key: { id: event.pathParameters.id } })
    .promise()
    .then(() => callback(null, { statusCode: 204, body: '' }))
    .catch(callback);
};
