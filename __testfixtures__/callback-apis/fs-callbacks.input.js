const fs = require("fs");
const path = require("path");

exports.handler = async (event) => {
  const file = path.join("/tmp", `${event.id}.json`);
  fs.writeFile(file, JSON.stringify(event.body), (err) => {
    if (err) {
      console.error("could not save", err);
      return;
    }
    console.log("saved", file);
  });
  fs.unlink(`${file}.lock`, () => {});
  return { statusCode: 200 };
};

exports.read = async (event) => {
  fs.readFile(event.path, "utf8", (err, text) => {
    if (err) throw err;
    console.log(text.length);
  });
};

exports.report = async (event) => {
  console.log("reporting", event.id);
  fs.readFile(event.path, "utf8", (error, text) => {
    if (error) {
      console.error(error);
      return;
    }
    fs.appendFile("/tmp/report.txt", text, (err) => {
      if (err) return;
      console.log("appended");
    });
  });
};

exports.archive = async (event) => {
  fs.mkdir("/tmp/archive", { recursive: true }, (err) => {
    if (err) {
      console.warn("mkdir failed", err);
      return;
    }
  });
  return { archived: event.id };
};
