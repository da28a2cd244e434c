var users = require('./users');

users.removeUsers({ id: process.argv[2] }, {}, function(err) {
  console.log(err ? 'failed' : 'removed');
});
