import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/**
 * One request of the TypeScript 7 API sent and answered by a worker thread, so that settle's thread
 * goes on (parsing a group's files with ts-morph) while the native compiler builds a program.
 *
 * The API's synchronous client talks to the compiler over two pipes with blocking reads and writes
 * (typescript7's syncChannel.js), and the compiler calls back into settle for every file it reads
 * (readFile: settle's current text, or "" for the disk's). While settle's thread parses, it can neither
 * read the answer nor serve those calls, so a worker does both on the same file descriptors (they are
 * the process's, not a thread's): it writes the request, answers each readFile call from the texts it
 * was given (the overlay's at the start: tsconfigs settle made up, files it changed) or with "" (the
 * disk's), and keeps the answer until settle's thread takes it. Only one request is in flight, and
 * settle's thread waits for it before it sends anything else on the channel (Ts7Session's guard).
 *
 * The framing is the channel's: a MessagePack array [type, method, payload] of an unsigned integer and
 * two bin fields; the protocol is not versioned apart from the pinned typescript7 build.
 */
export interface BackgroundAnswer {
  /** The response payload (UTF-8 JSON), or why the request failed. */
  payload?: string;
  failure?: string;
  /** The worker had not taken the request after START_TIMEOUT_MS: nothing was sent, the caller sends it itself. */
  abandoned?: true;
  /** The files the compiler read from disk (readFile answered ""), with their size and mtime then, of those asked about. */
  fromDisk: [file: string, size: number, mtimeMs: number][];
  /** The files it read from the texts given. */
  given: string[];
  /** How long the request was in flight, in the worker (ms). */
  ms?: number;
}

export interface BackgroundRequest {
  method: string;
  payload: string;
  /** readFile answers: the texts settle would give now. */
  texts: Map<string, string>;
  /** Files whose disk reads are reported back with their stamp (the session's planned files). */
  tracked: Set<string>;
}

export class BackgroundChannel {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [answered, taken]: the worker sets `answered` when its answer is posted; `taken` (TAKEN, or ABANDONED by settle's thread) decides who sends a request. */
  private readonly flag = new Int32Array(new SharedArrayBuffer(8));
  private inFlight = false;
  private sentAt = 0;
  private answer: BackgroundAnswer | undefined;

  constructor(readFd: number, writeFd: number) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { readFd, writeFd, flag: this.flag.buffer, port: port2 }, transferList: [port2] });
    // It must never keep settle's process alive, nor print: a failure comes back as an answer.
    this.worker.unref();
    this.worker.on("error", () => {});
  }

  /** Whether a request was sent and its answer not yet taken. */
  get busy(): boolean {
    return this.inFlight || this.answer !== undefined;
  }

  send(request: BackgroundRequest): void {
    if (this.busy) throw new Error("a TypeScript 7 background request is in flight already");
    Atomics.store(this.flag, 0, 0);
    Atomics.store(this.flag, 1, 0);
    this.inFlight = true;
    this.sentAt = Date.now();
    this.port.postMessage({ method: request.method, payload: request.payload, texts: [...request.texts], tracked: [...request.tracked] });
  }

  /** Block until the worker has the answer (the channel is free again then); keep it for take(). */
  wait(): void {
    if (!this.inFlight) return;
    while (Atomics.load(this.flag, 0) === 0) {
      Atomics.wait(this.flag, 0, 0, 200);
      // A worker that never started (or never got the message) must not hang settle: if it has not
      // taken the request, it never will, and nothing was written to the channel.
      if (Date.now() - this.sentAt > START_TIMEOUT_MS && Atomics.compareExchange(this.flag, 1, 0, ABANDONED) === 0) {
        this.inFlight = false;
        this.answer = { abandoned: true, fromDisk: [], given: [] };
        return;
      }
    }
    const received = receiveMessageOnPort(this.port);
    this.inFlight = false;
    this.answer = (received?.message as BackgroundAnswer | undefined) ?? { failure: "the TypeScript 7 background request gave no answer", fromDisk: [], given: [] };
  }

  take(): BackgroundAnswer {
    this.wait();
    const answer = this.answer!;
    this.answer = undefined;
    return answer;
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** How long a sent request may wait for the worker to take it (a thread that did not start). */
const START_TIMEOUT_MS = 10_000;
const ABANDONED = 2;

/** The worker: plain JavaScript (eval'd), node:fs on the channel's descriptors. */
const WORKER_SOURCE = String.raw`
const { workerData } = require("node:worker_threads");
const { readSync, writeSync, statSync } = require("node:fs");
const { readFd, writeFd, port } = workerData;
const flag = new Int32Array(workerData.flag);
const REQUEST = 1, CALL_RESPONSE = 2, CALL_ERROR = 3, RESPONSE = 4, ERROR = 5, CALL = 6;
const sleep = new Int32Array(new SharedArrayBuffer(4));
const again = (e) => e && (e.code === "EAGAIN" || e.code === "EWOULDBLOCK");
let buf = Buffer.allocUnsafe(65536), pos = 0, len = 0;
function fill() {
  for (;;) {
    try {
      const n = readSync(readFd, buf, 0, buf.length, null);
      if (n === 0) throw new Error("the TypeScript 7 process closed its pipe");
      pos = 0; len = n; return;
    } catch (e) { if (again(e)) { Atomics.wait(sleep, 0, 0, 1); continue; } throw e; }
  }
}
function byte() { if (pos >= len) fill(); return buf[pos++]; }
function exact(n) {
  const out = Buffer.allocUnsafe(n);
  let off = 0;
  while (off < n) {
    if (pos >= len) fill();
    const k = Math.min(len - pos, n - off);
    buf.copy(out, off, pos, pos + k); pos += k; off += k;
  }
  return out;
}
function bin() {
  const m = byte();
  let n;
  if (m === 0xc4) n = byte();
  else if (m === 0xc5) n = exact(2).readUInt16BE(0);
  else if (m === 0xc6) n = exact(4).readUInt32BE(0);
  else throw new Error("unexpected MessagePack marker 0x" + m.toString(16));
  return n === 0 ? Buffer.alloc(0) : exact(n);
}
function header(n) {
  if (n < 0x100) return Buffer.from([0xc4, n]);
  if (n < 0x10000) return Buffer.from([0xc5, n >>> 8, n & 0xff]);
  const h = Buffer.allocUnsafe(5); h[0] = 0xc6; h.writeUInt32BE(n, 1); return h;
}
function write(type, name, payload) {
  const nameBuf = Buffer.from(name, "utf8"), body = Buffer.from(payload, "utf8");
  const out = Buffer.concat([Buffer.from([0x93, type]), header(nameBuf.length), nameBuf, header(body.length), body]);
  let off = 0;
  while (off < out.length) {
    try { off += writeSync(writeFd, out, off, out.length - off); }
    catch (e) { if (again(e)) { Atomics.wait(sleep, 0, 0, 1); continue; } throw e; }
  }
}
function request(req) {
  const texts = new Map(req.texts), tracked = new Set(req.tracked);
  const fromDisk = [], given = [];
  write(REQUEST, req.method, req.payload);
  for (;;) {
    if (byte() !== 0x93) throw new Error("unexpected TypeScript 7 message");
    let type = byte();
    if (type === 0xcc) type = byte();
    const name = bin().toString("utf8");
    const payload = bin();
    if (type === RESPONSE || type === ERROR) {
      if (name !== req.method) throw new Error("name mismatch for response: expected " + req.method + ", got " + name);
      if (pos !== len) throw new Error("TypeScript 7 sent more than its answer");
      return type === RESPONSE ? { payload: payload.toString("utf8"), fromDisk, given } : { failure: payload.toString("utf8"), fromDisk, given };
    }
    if (type !== CALL) throw new Error("invalid message type from TypeScript 7: " + type);
    if (name !== "readFile") {
      write(CALL_ERROR, name, "no callback " + name + " in the background channel");
      throw new Error("TypeScript 7 called back " + name);
    }
    const file = JSON.parse(payload.toString("utf8"));
    const text = texts.get(file);
    if (text !== undefined) {
      given.push(file);
      write(CALL_RESPONSE, name, JSON.stringify({ content: text }));
      continue;
    }
    if (tracked.has(file)) {
      let stamp = [-1, -1];
      try { const s = statSync(file); stamp = [s.size, s.mtimeMs]; } catch {}
      fromDisk.push([file, stamp[0], stamp[1]]);
    }
    write(CALL_RESPONSE, name, "");
  }
}
port.on("message", (req) => {
  // Settle's thread gave up waiting for this thread to start: it sends the request itself.
  if (Atomics.compareExchange(flag, 1, 0, 1) !== 0) return;
  let answer;
  const started = Date.now();
  try { answer = request(req); answer.ms = Date.now() - started; } catch (e) { answer = { failure: String((e && e.message) || e), fromDisk: [], given: [] }; }
  try { port.postMessage(answer); } catch (e) { port.postMessage({ failure: String((e && e.message) || e), fromDisk: [], given: [] }); }
  finally {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
});
`;
