module.exports = {
  handler: async function (event, context) {
    return { count: event.items.length };
  },
};
