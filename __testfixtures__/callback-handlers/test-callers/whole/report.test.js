const report = require("./report");
const contextCreator = require("./mock-context");

it("counts", (done) => {
  const context = contextCreator((result) => {
    expect(result).toEqual({ count: 2 });
    done();
  });
  report.handler({ items: [1, 2] }, context);
});
