var db = require('./services').db;

module.exports = {
  createUsers: function(event, context, doneCallback) {
    console.log('creating users for', context.functionName);
    db.get(event.id, function(err, item) {
      doneCallback(err, item);
    });
  }
};
