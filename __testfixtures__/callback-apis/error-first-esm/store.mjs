import { writeFile } from "node:fs";

export function save(key, value, callback) {
  writeFile(`/tmp/${key}`, value, (err) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, key.length);
  });
}
