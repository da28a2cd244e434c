exports.purge = function(event, context, callback) {
  callback(new Error('purge refused'));
};
