const mockContext = require("aws-lambda-mock-context");
const promisify = require("aws-lambda-pify");

const ctx = mockContext();
const run = promisify(require("./Orders").handler, ctx);

run({ id: 4 }).then((result) => console.log(result));
