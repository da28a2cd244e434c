var users = require('./users');

exports.handleRemove = async (event, context) => {
  return new Promise((resolve, reject) => {
    users.removeUsers(event, context, (err) => (err ? reject(err) : resolve()));
  });
};
