var purge = require('./purge');

exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    purge(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};
