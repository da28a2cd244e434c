const store = require("./store");

// The handler hands its callback on inside an object (`{ event, callback }`, a shorthand property) to a
// helper that calls back through `invocation.callback` once its work is done. The shorthand reads the
// parameter: the callback is still used, so it cannot be dropped from the parameters.
async function main(invocation) {
  let error = null;
  let item;
  try {
    item = await store.get(invocation.event.id);
  } catch (e) {
    error = e;
  }
  invocation.callback(error, item);
}

exports.handler = function (event, context, callback) {
  console.log("looking up", event.id);
  main({ event, context, callback });
};
