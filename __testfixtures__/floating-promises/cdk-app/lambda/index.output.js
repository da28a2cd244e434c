async function save(item) {}

exports.main = async (input) => {
  await save(input);
  return { ok: true };
};
