import { Callback, Context, Handler } from "aws-lambda";

export type Reply = Callback<{ ok: boolean }>;

export const check: Handler = (event: { id: string }, _context: Context, callback: Callback) => {
  callback(null, { ok: event.id.length > 0 });
};
