import { EventEmitter } from "node:events";
import { trackPending, type EffectLog } from "../harness/freeze.js";

/**
 * A stand-in for `https.request` / `https.get`: the request is an emitter; 5ms after `end()` it records
 * `https:<path>` and calls back with a response that emits its body and `end`, or (path `/down`) records
 * `https:/down` and emits `error` on the request; path `/empty` answers with no body (only `end`); path `/reset` emits `error` on the response instead of its body. Path `/slow` never answers: `req.setTimeout(ms)` emits
 * `timeout` then, and `req.destroy()` emits the "socket hang up" error. The whole exchange is pending work
 * until the response's `end` (or the error) has been emitted, as the socket is for the event loop.
 */
export function fakeHttps(log: EffectLog) {
  const pathOf = (target: string | { path?: string }) => (typeof target === "string" ? new URL(target).pathname : target.path ?? "/");
  const request = (target: string | { path?: string }, onResponse?: (res: EventEmitter) => void) => {
    const path = pathOf(target);
    const req = Object.assign(new EventEmitter(), {
      written: "",
      write(chunk: string) { req.written += chunk; },
      end() {
        if (path === "/slow") return;
        // Emitted from promise callbacks, so a listener that throws (a context.fail that Node.js 24 lacks) is an unhandled rejection the harness sees.
        void trackPending(log, new Promise((r) => setTimeout(r, 5)).then(() => {
          log.record(`https:${path}`);
          if (path === "/down") return void req.emit("error", Object.assign(new Error("getaddrinfo ENOTFOUND down"), { code: "ENOTFOUND" }));
          const res = Object.assign(new EventEmitter(), { statusCode: 200, headers: { "content-type": "text/plain" }, setEncoding() {}, resume() {} });
          onResponse?.(res);
          return new Promise((r) => setImmediate(r)).then(() => {
            if (path === "/reset") return void res.emit("error", Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
            if (path !== "/empty") res.emit("data", `body of ${path}`);
            if (req.written) res.emit("data", ` <- ${req.written}`);
            res.emit("end");
          });
        }));
      },
      setTimeout(ms: number, onTimeout?: () => void) {
        if (onTimeout) req.once("timeout", onTimeout);
        if (path !== "/slow") return;
        void trackPending(log, new Promise((r) => setTimeout(r, ms)).then(() => void req.emit("timeout")));
      },
      destroy() {
        void trackPending(log, new Promise((r) => setImmediate(r)).then(() => void req.emit("error", new Error("socket hang up"))));
      },
    });
    return req;
  };
  const get = (target: string | { path?: string }, onResponse?: (res: EventEmitter) => void) => {
    const req = request(target, onResponse);
    req.end();
    return req;
  };
  return { request, get };
}
