var gateway = require('./gateway');
var cache = require('./cache');

exports.handleGatewayEvent = async function(event, context) {
  if (event.RequestType == 'Delete') {
    return new Promise((resolve, reject) => gateway.deleteGateway(event, context, (err) => (err ? reject(err) : resolve())));
  }
  return new Promise((resolve, reject) => cache.purge(event, context, (err) => (err ? reject(err) : resolve())));
};
