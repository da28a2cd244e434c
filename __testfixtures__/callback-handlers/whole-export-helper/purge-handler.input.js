var purge = require('./purge');

exports.handler = function(event, context, callback) {
  purge(event, context, callback);
};
