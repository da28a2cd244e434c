var quietJob = require('./quiet-job');

// Its listeners start no work: converted.
exports.handler = function(event, context, callback) {
  quietJob(event, context, callback);
};
