async function store(item) {}

async function consume(input) {
  await store(input);
}

Object.assign(module.exports, { consume });
