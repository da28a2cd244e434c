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
  store.put(event.id, event.value, (err) => {
    if (err) {
      console.error('put failed', err);
      return;
    }
    console.log('stored', event.id);
  });
  store.get(event.id, (err, value) => {
    if (err) throw err;
    console.log('read back', value);
  });
  lookup(event.id, (err, found) => {
    if (err) return;
    console.log('found', found.id);
  });
  store.check(event.token, (err, status) => {
    if (err) {
      console.error('rejected', err);
      return;
    }
    console.log(status);
  });
  return { ok: true };
};
