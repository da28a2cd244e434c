async function work(item) {}

exports.process = async function (input) {
  work(input);
};
