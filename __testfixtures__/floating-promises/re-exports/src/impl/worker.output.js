async function work(item) {}

exports.process = async function (input) {
  await work(input);
};
