const { db } = require("./services");

function onCompletion(context, event, err, message) {
  if (err) {
    context.done(err, message);
  } else {
    context.done(null, message);
  }
}

// The context goes into a bound function that is stored and called from nested callbacks: reported with the fix.
function handler(event, context) {
  var finish = onCompletion.bind(undefined, context, event);
  if (!event.id) {
    finish("no id");
  } else {
    db.get(event.id, function (err, item) {
      finish(err, item);
    });
  }
}

exports.handler = handler;
