import type { Context } from "aws-lambda";
import { getItem } from "./db";

interface Item {
  id: string;
  text: string;
}

let theContext: Context | undefined;

function gotItem(err: Error | null, item?: Item): void {
  if (err) {
    theContext!.fail(err);
    return;
  }
  theContext!.succeed({ statusCode: 200, body: JSON.stringify(item) });
}

export const handler = async (event: { id: string }, context: Context) => {
  return new Promise((resolve, reject) => {
    theContext = legacyContext(context, resolve, reject);
    getItem({ id: event.id }, gotItem);
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext<T extends object>(context: T, resolve: (result?: any) => void, reject: (error: unknown) => void): T & { succeed(result?: unknown): void; fail(error?: unknown): void; done(error?: unknown, result?: unknown): void } {
  return Object.create(context, {
    succeed: { value: (result?: unknown) => resolve(result) },
    fail: { value: (error?: unknown) => reject(error ?? "handled") },
    done: { value: (error?: unknown, result?: unknown) => (error != null ? reject(error) : resolve(result)) },
  });
}
