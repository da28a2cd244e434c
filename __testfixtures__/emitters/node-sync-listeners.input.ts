import { EventEmitter } from "node:events";

const metrics = new EventEmitter();
let hits = 0;
metrics.on("hit", () => {
  hits++;
});
metrics.once("hit", function first(path: string) {
  console.log("first hit", path, hits);
});

export const handler = async (event: { path: string }) => {
  metrics.emit("hit", event.path);
  return { statusCode: 200, body: String(hits) };
};
