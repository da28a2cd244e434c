import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { GroupContext } from "./analyse-group.js";
import { exportsOfModules } from "./handlers/config-refs.js";
import { analysePart, type Part, type WorkerMessage, type WorkerSetup } from "./parallel.js";
import { createDeclarationCache } from "./project.js";
import { Ts7Session } from "./types/ts7.js";
import { transforms as registry } from "../transforms/index.js";

/**
 * A worker thread of `--jobs`: analyses the parts (groups that import each other) the main thread
 * gives it, one after the other, and answers each with the records of its analyses (src/parallel.ts).
 * It keeps one TypeScript 7 session and one cache of lib and @types files for all its parts.
 */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const flag = new Int32Array(setup.abort);
const started = setup.checker === "ts7" ? Ts7Session.start(setup.cwd) : undefined;
const ts7 = started && !("unavailable" in started) ? started : undefined;
const ctx: GroupContext = {
  selected: registry.filter((t) => setup.transforms.includes(t.id)),
  strategy: setup.strategy,
  configuredExports: exportsOfModules(setup.modules),
  declarations: createDeclarationCache(),
  ...(ts7 ? { ts7 } : {}),
  rel: (file) => path.relative(setup.cwd, file).split(path.sep).join("/") || path.basename(file),
};
const post = (message: WorkerMessage) => port.postMessage(message);

port.on("message", (message: { type: "part"; id: number; part: Part } | { type: "close" }) => {
  if (message.type === "close") {
    ts7?.close();
    port.close();
    return;
  }
  const { id, part } = message;
  if (setup.crashOn && part.groups.some((g) => setup.groups[g]!.files.some((f) => f.includes(setup.crashOn!)))) {
    throw new Error(`crashing on purpose (SETTLE_TEST_WORKER_CRASH=${setup.crashOn})`);
  }
  // Progress in batches: one message per 50 ms at most, the rest when the part is done.
  let pending = 0;
  let sent = Date.now();
  const progress = (units: number) => {
    pending += units;
    const now = Date.now();
    if (now - sent < 50) return;
    post({ type: "progress", id, units: pending });
    pending = 0;
    sent = now;
  };
  const records = analysePart(ctx, setup.groups, part, () => Atomics.load(flag, 0) === 1, progress);
  if (pending > 0) post({ type: "progress", id, units: pending });
  post({ type: "done", id, records, ...(ts7?.failure !== undefined ? { ts7Failure: ts7.failure } : {}) });
});
