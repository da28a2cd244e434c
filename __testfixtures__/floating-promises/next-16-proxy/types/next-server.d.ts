// What these fixtures use of next/server, declared as Next.js declares it
// (packages/next/src/server/after/after.ts and server/web/spec-extension/response.ts).
export type AfterTask<T = unknown> = Promise<T> | AfterCallback<T>;
export type AfterCallback<T = unknown> = () => T | Promise<T>;
export declare function after<T>(task: AfterTask<T>): void;
export declare class NextResponse<Body = unknown> extends Response {
  static json<JsonBody>(body: JsonBody, init?: ResponseInit): NextResponse<JsonBody>;
  static next(init?: ResponseInit): NextResponse;
}
