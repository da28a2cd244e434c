exports.handler = function (event, context, callback) {
  if (!event.city) return callback(new Error("no city"));
  callback(null, { city: event.city, sky: "clear" });
};
