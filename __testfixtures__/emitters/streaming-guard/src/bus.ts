import { EventEmitter2 } from "eventemitter2";

export const bus = new EventEmitter2();

// Fills the body it is handed: every write waits for a reader.
bus.on("rows", async (writer: WritableStreamDefaultWriter<string>) => {
  await writer.write("a");
  await writer.close();
});
bus.on("audit", async (id: string) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
});
