const fs = require("fs");
const path = require("path");

exports.handler = async (event) => {
  const file = path.join("/tmp", `${event.id}.json`);
  writeFile: {
    try {
      await fs.promises.writeFile(file, JSON.stringify(event.body));
    } catch (err) {
      console.error("could not save", err);
      break writeFile;
    }
    console.log("saved", file);
  }
  try {
    await fs.promises.unlink(`${file}.lock`);
  } catch {}
  return { statusCode: 200 };
};

exports.read = async (event) => {
  const text = await fs.promises.readFile(event.path, "utf8");
  console.log(text.length);
};

exports.report = async (event) => {
  console.log("reporting", event.id);
  let text;
  try {
    text = await fs.promises.readFile(event.path, "utf8");
  } catch (error) {
    console.error(error);
    return;
  }
  try {
    await fs.promises.appendFile("/tmp/report.txt", text);
  } catch {
    return;
  }
  console.log("appended");
};

exports.archive = async (event) => {
  try {
    await fs.promises.mkdir("/tmp/archive", { recursive: true });
  } catch (err) {
    console.warn("mkdir failed", err);
  }
  return { archived: event.id };
};
