const ready = require("./ready");

it("is ready", async () => {
  const result = await ready.handler({ at: 1 }, {}, () => {});
  expect(result).toEqual({ ready: true, at: 1 });
});
