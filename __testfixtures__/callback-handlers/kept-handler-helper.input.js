const { db } = require("./services");

exports.handler = function (event, context) {
  event.items.forEach(function (record) {
    post(record.id, context);
  });
};

function post(id, context) {
  db.get(id, function (err, item) {
    if (err) return context.fail(err);
    context.succeed(item);
  });
}

exports.one = function (event, context) {
  postOne(event.id, context);
};

function postOne(id, context) {
  db.get(id, function (err, item) {
    if (err) return context.fail(err);
    context.succeed(item);
  });
}
