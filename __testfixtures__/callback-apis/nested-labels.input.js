const fs = require("fs");

exports.handler = async (event) => {
  fs.readFile(event.src, (err, data) => {
    if (err) {
      console.error(err);
      return;
    }
    fs.readFile(event.other, (err, more) => {
      if (err) {
        console.error(err);
        return;
      }
      console.log(data.length + more.length);
    });
    console.log("first done");
  });
  console.log("started");
};
