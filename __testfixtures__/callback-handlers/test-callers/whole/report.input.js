module.exports = {
  handler: function (event, context) {
    context.succeed({ count: event.items.length });
  },
};
