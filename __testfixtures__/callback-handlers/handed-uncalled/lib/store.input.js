exports.get = function(id) {
  return Promise.resolve({ id: id });
};
