async function store(item) {}

async function consume(input) {
  store(input);
}

Object.assign(module.exports, { consume });
