// Loosely typed: the checker says `any` for the callback's arguments.
export function put(key: string, value: string, callback: (err: any, result?: any) => void): void {
  if (!key) return callback(new Error("no key"));
  callback(null, value.length);
}

export function touch(key: string, callback: Function): void {
  callback(null);
}
