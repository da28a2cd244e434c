var purge = require('./purge');

purge({ id: process.argv[2] }, {}, function(err) {
  console.log(err ? 'failed' : 'purged');
});
