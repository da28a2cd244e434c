// What Deno declares for these files (a stand-in: the fixtures are checked with TypeScript, not Deno).
declare namespace Deno {
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown;
}
declare function storeUpload(name: string, body: ReadableStream<Uint8Array>): Promise<{ path: string }>;
declare function countHit(path: string): void;
