const awsServerlessExpress = require('aws-serverless-express');
const serverlessExpress = require('@vendia/serverless-express');
const middy = require('middy');
const app = require('./app');
const config = require('./config');

const server = awsServerlessExpress.createServer(app);

// Code after the call ran in the old runtime too: a return would skip it.
exports.proxied = (event, context) => {
  awsServerlessExpress.proxy(server, event, context);
  console.log('proxied');
};

// The options come from elsewhere: their resolution mode is unknown.
exports.configured = serverlessExpress(config);

// The middy package (0.x) calls back and exports a three-parameter function.
exports.validated = middy((event, context, callback) => {
  callback(null, { ok: true });
});
