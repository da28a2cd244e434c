var quietJob = require('./quiet-job');

// Its listeners start no work: converted.
exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    quietJob(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};
