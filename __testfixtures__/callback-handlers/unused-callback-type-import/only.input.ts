import type { Callback } from "aws-lambda";

export const greet = (event: { name: string }, _context: unknown, cb: Callback<string>) => {
  cb(null, `hello ${event.name}`);
};

export const shout = (event: { name: string }, _context: unknown, cb: Callback<string>) => {
  cb(null, event.name.toUpperCase());
};
