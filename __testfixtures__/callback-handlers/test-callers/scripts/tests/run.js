const { handler } = require("../weather");

handler({}, {}, function (err) {
  console.log("expected an error:", err);
});
