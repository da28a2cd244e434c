exports.get = async function (id) {
  return { id };
};
