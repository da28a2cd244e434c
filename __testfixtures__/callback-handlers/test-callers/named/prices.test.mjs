import { handler } from "./prices.mjs";

test("prices a sku", (done) => {
  handler({ sku: "a1" }, {}, (err, result) => {
    expect(result).toEqual({ sku: "a1", price: 3 });
    done(err);
  });
});
