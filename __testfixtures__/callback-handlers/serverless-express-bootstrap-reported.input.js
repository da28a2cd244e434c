const serverlessExpress = require('@codegenie/serverless-express');
const appPromise = require('./app-promise');
const legacy = require('./legacy-handler');

let cachedServer;

// On one path the function gives back a handler that answers through the callback.
async function bootstrap(event) {
  if (event.legacy) return legacy.handler;
  if (!cachedServer) cachedServer = serverlessExpress({ app: await appPromise });
  return cachedServer;
}

exports.handler = async (event, context, callback) => {
  const server = await bootstrap(event);
  return server(event, context, callback);
};

// The instance answers through the callback in this mode.
const callbackServer = async () => serverlessExpress({ app: await appPromise, resolutionMode: 'CALLBACK' });

exports.callbackMode = async (event, context, callback) => {
  const server = await callbackServer();
  return server(event, context, callback);
};

let mixed;

// The variable may be set to a handler that answers through the callback.
exports.mixed = async (event, context, callback) => {
  mixed = mixed ?? legacy.handler;
  return mixed(event, context, callback);
};
