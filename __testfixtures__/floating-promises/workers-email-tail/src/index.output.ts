import { record } from "./audit";

interface Env {
  FORWARD_TO: string;
}

export default {
  async email(message: ForwardableEmailMessage, env: Env, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(record("email", message.from));
    await message.forward(env.FORWARD_TO);
  },

  async tail(events: TraceItem[], env: Env, ctx: ExecutionContext): Promise<void> {
    for (const event of events) {
      ctx.waitUntil(record("tail", event.scriptName ?? "unknown"));
    }
  },

  trace(traces: TraceItem[], env: Env, ctx: ExecutionContext): void {
    ctx.waitUntil(record("trace", String(traces.length)));
  },
};
