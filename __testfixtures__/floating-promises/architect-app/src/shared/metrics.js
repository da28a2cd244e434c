exports.track = async function track(name) {
  return name;
};
