import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/**
 * A measuring aid (`SETTLE_TRACE_TS7=1`): what settle's process asks the native compiler and how long
 * its thread waits for the answers, printed to stderr as one line of JSON when the session closes.
 * Requests by method (count, round trips, bytes each way), the compiler's readFile calls served by
 * settle (count, time), opens sent in the background (time in flight against the time settle's thread
 * then waited), when the first answer came (ms since settle's process started), the compiler's own
 * processing time (its `--timing`) and its CPU time (user + system, from /proc before it is stopped).
 * Off, it costs one boolean test per request.
 */
export const TRACE_TS7 = process.env.SETTLE_TRACE_TS7 === "1";

interface MethodStats {
  count: number;
  ms: number;
  sent: number;
  received: number;
}

export class Ts7Trace {
  private readonly methods = new Map<string, MethodStats>();
  private readFiles = { count: 0, ms: 0, bytes: 0 };
  private background = { count: 0, inFlightMs: 0, waitedMs: 0 };
  private firstAnswerMs: number | undefined;
  private firstProgramMs: number | undefined;
  private readonly startedMs = performance.now();
  private connect: { atMs: number; ms: number } | undefined;

  /** The compiler process started and answered its first request (started: performance.now() before it was spawned). */
  connected(started: number): void {
    this.connect = { atMs: started, ms: performance.now() - started };
  }

  request(method: string, ms: number, sent: number, received: number): void {
    const entry = this.methods.get(method) ?? { count: 0, ms: 0, sent: 0, received: 0 };
    entry.count++;
    entry.ms += ms;
    entry.sent += sent;
    entry.received += received;
    this.methods.set(method, entry);
    this.firstAnswerMs ??= performance.now();
    if (method === "updateSnapshot" && ms > 50) this.firstProgramMs ??= performance.now();
  }

  readFile(ms: number, text: string | undefined): void {
    this.readFiles.count++;
    this.readFiles.ms += ms;
    this.readFiles.bytes += text?.length ?? 0;
  }

  backgroundOpen(inFlightMs: number, waitedMs: number): void {
    this.background.count++;
    this.background.inFlightMs += inFlightMs;
    this.background.waitedMs += waitedMs;
    this.firstProgramMs ??= performance.now();
  }

  /** One line on stderr: the figures, the compiler's processing time and CPU (pid: its process, read before it is stopped). */
  print(pid: number | undefined, serverMs: number | undefined): void {
    const round = (n: number) => Math.round(n);
    const methods = Object.fromEntries(
      [...this.methods].sort((a, b) => b[1].ms - a[1].ms).map(([m, s]) => [m, { count: s.count, ms: round(s.ms), sentKB: round(s.sent / 1024), receivedKB: round(s.received / 1024) }]),
    );
    const totals = [...this.methods.values()].reduce((t, s) => ({ count: t.count + s.count, ms: t.ms + s.ms, sent: t.sent + s.sent, received: t.received + s.received }), { count: 0, ms: 0, sent: 0, received: 0 });
    const line = {
      requests: totals.count,
      blockedMs: round(totals.ms),
      sentKB: round(totals.sent / 1024),
      receivedKB: round(totals.received / 1024),
      methods,
      readFile: { count: this.readFiles.count, ms: round(this.readFiles.ms), KB: round(this.readFiles.bytes / 1024) },
      background: { count: this.background.count, inFlightMs: round(this.background.inFlightMs), waitedMs: round(this.background.waitedMs) },
      sessionStartedAtMs: round(this.startedMs),
      connect: this.connect && { atMs: round(this.connect.atMs), ms: round(this.connect.ms) },
      firstAnswerAtMs: this.firstAnswerMs === undefined ? undefined : round(this.firstAnswerMs),
      firstProgramAtMs: this.firstProgramMs === undefined ? undefined : round(this.firstProgramMs),
      closedAtMs: round(performance.now()),
      compilerProcessingMs: serverMs === undefined ? undefined : round(serverMs),
      compilerCpuSeconds: cpuSecondsOf(pid),
    };
    process.stderr.write(`SETTLE_TRACE_TS7 ${JSON.stringify(line)}\n`);
  }
}

/** A process's user + system CPU time from /proc (Linux; undefined elsewhere). */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
