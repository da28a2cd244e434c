import type { Callback, Context } from "aws-lambda";

declare function track(name: string): Promise<void>;
declare function lookup(id: string): Promise<string>;

export const pending = (event: { id: string }, context: Context, callback: Callback) => {
  const audit = track(`lookup ${event.id}`);
  callback(null, event.id);
};

export const floatingInPromise = (event: { id: string }, context: Context, callback: Callback) => {
  lookup(event.id).then((name) => {
    track(name);
    callback(null, name);
  }, callback);
};

export function callsItself(event: { n: number }, context: Context, callback: Callback) {
  if (event.n > 0) return callsItself({ n: event.n - 1 }, context, callback);
  callback(null, "done");
}

declare function compress(data: string, done: (e: Error | null, out?: Uint8Array) => void): void;

/** The API's type says the first parameter is the error, whatever it is called: work the old runtime waited for. */
export const typedCallbackWork = (event: { body: string }, context: Context, callback: Callback) => {
  compress(event.body, (e, out) => {
    if (e) console.error(e);
  });
  callback(null, "queued");
};
