const builder = require("claudia-bot-builder");
const { db } = require("./services");

module.exports.bot = builder((request, apiReq) => {
  apiReq.lambdaContext.callbackWaitsForEmptyEventLoop = false;
  return "hello " + request.text;
});

function keepWaiting(ctx) {
  ctx.callbackWaitsForEmptyEventLoop = true;
}

module.exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
  });
};
