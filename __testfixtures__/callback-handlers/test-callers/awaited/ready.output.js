exports.handler = async function (event, context) {
  return { ready: true, at: event.at };
};
