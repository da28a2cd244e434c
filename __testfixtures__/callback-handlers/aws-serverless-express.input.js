const awsServerlessExpress = require('aws-serverless-express');
const app = require('./app');

const server = awsServerlessExpress.createServer(app);

exports.handler = (event, context) => awsServerlessExpress.proxy(server, event, context);

exports.block = (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  awsServerlessExpress.proxy(server, event, context);
};

exports.callbackMode = (event, context, callback) => {
  awsServerlessExpress.proxy(server, event, context, 'CALLBACK', callback);
};
