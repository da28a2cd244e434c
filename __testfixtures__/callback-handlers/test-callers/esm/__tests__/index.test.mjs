import greet from "../index.mjs";

const contextFor = (check) => ({ succeed: check, fail: check });

test("greets", (done) => {
  greet({ name: "ann" }, contextFor((result) => {
    expect(result).toBe("hi ann");
    done();
  }));
});
