var iam = require('./iam');

exports.handleIAM = async function(event, context) {
  return new Promise((resolve, reject) => {
    if (event.RequestType == 'Create') {
      iam.createUsers(event, context, function(err, item) {
        if (err) return reject(err);
        resolve(item);
      });
    } else {
      resolve();
    }
  });
};
