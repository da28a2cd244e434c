var chat = require('./chat');
var log = require('./log');

exports.watch = function(status) {
  status.events.on('start', function(item) {
    chat.post('started ' + item.id, log.logIfErr);
  });
  status.events.on('quiet', function(item) {
    console.log('quiet', item.id);
  });
};
