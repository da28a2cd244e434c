import { Callback, Context, Handler } from "aws-lambda";

export type Reply = Callback<{ ok: boolean }>;

export const check: Handler = async (event: { id: string }, _context: Context) => {
  return { ok: event.id.length > 0 };
};
