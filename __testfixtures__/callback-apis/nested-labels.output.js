const fs = require("fs");

exports.handler = async (event) => {
  readFile: {
    let data;
    try {
      data = await fs.promises.readFile(event.src);
    } catch (err) {
      console.error(err);
      break readFile;
    }
    readFile2: {
      let more;
      try {
        more = await fs.promises.readFile(event.other);
      } catch (err) {
        console.error(err);
        break readFile2;
      }
      console.log(data.length + more.length);
    }
    console.log("first done");
  }
  console.log("started");
};
