const store = require('./store');
const { lookup } = require('./store');
const unproven = require('./unproven');

exports.handler = async (event) => {
  unproven.twice(event.id, (err, key) => console.log(err, key));
  unproven.maybe(event.id, (err, key) => console.log(err, key));
  unproven.throws(event.id, (err, key) => console.log(err, key));
  unproven.later(event.id, (err, key) => console.log(err, key));
  unproven.each([event.id], (err, key) => console.log(err, key));
  unproven.greet(event.id, (err, text) => console.log(err, text));
  put: {
    try {
      await new Promise((resolve, reject) => store.put(event.id, event.value, (err) => (err ? reject(err) : resolve())));
    } catch (err) {
      console.error('put failed', err);
      break put;
    }
    console.log('stored', event.id);
  }
  const value = await new Promise((resolve, reject) => store.get(event.id, (err, value) => (err ? reject(err) : resolve(value))));
  console.log('read back', value);
  lookup: {
    let found;
    try {
      found = await new Promise((resolve, reject) => lookup(event.id, (err, found) => (err ? reject(err) : resolve(found))));
    } catch {
      break lookup;
    }
    console.log('found', found.id);
  }
  check: {
    let status;
    try {
      status = await new Promise((resolve, reject) => store.check(event.token, (err, status) => (err ? reject(err) : resolve(status))));
    } catch (err) {
      console.error('rejected', err);
      break check;
    }
    console.log(status);
  }
  return { ok: true };
};
