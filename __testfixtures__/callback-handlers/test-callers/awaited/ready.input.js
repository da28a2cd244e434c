exports.handler = async function (event, context, callback) {
  return { ready: true, at: event.at };
};
