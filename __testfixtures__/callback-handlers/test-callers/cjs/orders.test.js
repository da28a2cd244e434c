const assert = require("assert");
const { handler } = require("./orders");
const orders = require("./orders.js");

handler({ id: 1 }, {}, (err, result) => {
  assert.deepStrictEqual(result, { id: 1, total: 3 });
});

orders.handler({}, {
  succeed: () => assert.fail("answered"),
  fail: (err) => assert.ok(err),
});

handler({ id: 2 }, {}, function (err) {
  assert.ifError(err);
});

orders.handler({ id: 3 }, null, () => {});
