// What Deno declares for these files (a stand-in: the fixtures are checked with TypeScript, not Deno).
declare namespace Deno {
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  function serve(options: { port?: number }, handler: (request: Request) => Response | Promise<Response>): unknown;
}
