const { handler } = require("./stock");

it("answers the level", async () => {
  const result = await handler({ sku: "a" }, {});
  expect(result).toEqual({ sku: "a", level: 7 });
  const again = handler({ sku: "b" }, {});
  await expect(again).resolves.toEqual({ sku: "b", level: 7 });
});
