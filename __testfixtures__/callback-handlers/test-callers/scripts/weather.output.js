exports.handler = async function (event, context) {
  if (!event.city) throw new Error("no city");
  return { city: event.city, sky: "clear" };
};
