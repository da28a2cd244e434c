async function save(item) {}

exports.main = async (input) => {
  save(input);
  return { ok: true };
};
