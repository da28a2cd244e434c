var store = require('./store');

exports.orders = function(event, cb) {
  switch (event.method) {
    case 'GET':
      store.get(event.id).then(function(order) {
        cb(null, order);
      }, cb);
      break;
    case 'PATCH':
      break;
    default:
      cb('unsupported method');
  }
};

exports.find = function(id) {
  return store.get(id);
};
