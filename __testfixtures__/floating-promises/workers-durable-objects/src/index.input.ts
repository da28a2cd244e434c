export { Counter } from "./counter";
export { Legacy } from "./legacy";
export { Room } from "./room";

interface Env {
  COUNTER: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const stub = env.COUNTER.get(env.COUNTER.idFromName("global"));
    return stub.fetch(request);
  },
} satisfies ExportedHandler<Env>;
