// The declarations jsr:@supabase/functions-js/edge-runtime.d.ts brings (a stand-in).
declare namespace EdgeRuntime {
  function waitUntil(promise: Promise<unknown>): void;
}
