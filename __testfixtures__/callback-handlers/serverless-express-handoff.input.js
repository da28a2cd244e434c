const serverlessExpress = require('@codegenie/serverless-express');
const appPromise = require('./app-promise');

let instance;

// The instance answers through its promise and ignores the callback it is handed.
exports.handler = async (event, context, callback) => {
  const app = await appPromise;
  return serverlessExpress({ app })(event, context, callback);
};

exports.cached = async (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  if (!instance) instance = serverlessExpress({ app: await appPromise });
  return instance(event, context, callback);
};

let cachedServer;

// Built once and cached, as the NestJS starters do: `bootstrap` gives back only the instance.
async function bootstrap() {
  if (!cachedServer) cachedServer = serverlessExpress({ app: await appPromise });
  return cachedServer;
}

exports.bootstrapped = async (event, context, callback) => {
  const server = await bootstrap();
  return server(event, context, callback);
};

let lazyServer;

// Set on the first request: the variable's earlier value, or a new instance.
exports.lazy = async (event, context, callback) => {
  lazyServer = lazyServer || serverlessExpress({ app: await appPromise });
  return lazyServer(event, context, callback);
};
