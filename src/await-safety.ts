import type { Node } from "ts-morph";
import { whereWorkWrites } from "./feeds-response.js";
import { whyNeverSettles } from "./never-settles.js";

/**
 * Why work must be neither awaited nor deferred where it starts, or undefined when it may be: a
 * promise that cannot settle before the handler returns (awaiting it hangs), or work that writes
 * into the stream the handler answers with (it runs while the body streams: awaiting it before the
 * return waits for a reader only the response brings, and after() waits for a response that cannot
 * finish without it). Every transform that adds an `await` asks this first. `what` names the work
 * ("un-awaited promise"); `statement` is where it starts, `work` the expression (or statement) itself.
 */
export function whyAwaitWouldHang(what: string, statement: Node, work: Node): string | undefined {
  const never = whyNeverSettles(work);
  if (never) return never;
  if (never === null) return undefined; // settles on an event of a response already ended
  const verdict = whereWorkWrites(statement, work);
  if (verdict && "feeds" in verdict) return `${what} left alone: ${verdict.feeds}`;
  if (verdict) return `${what} not rewritten: ${verdict.unknown}`;
  return undefined;
}
