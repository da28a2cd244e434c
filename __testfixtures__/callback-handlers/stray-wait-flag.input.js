const builder = require("claudia-bot-builder");
const { db } = require("./services");

module.exports.bot = builder((request, apiReq) => {
  apiReq.lambdaContext.callbackWaitsForEmptyEventLoop = false;
  return "hello " + request.text;
});

function keepWaiting(ctx) {
  ctx.callbackWaitsForEmptyEventLoop = true;
}

module.exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  db.get(event.id, (err, item) => callback(err, item));
};
