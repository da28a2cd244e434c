import { record } from "./audit";

interface Env {
  FORWARD_TO: string;
}

export default {
  async email(message: ForwardableEmailMessage, env: Env, ctx: ExecutionContext): Promise<void> {
    record("email", message.from);
    await message.forward(env.FORWARD_TO);
  },

  async tail(events: TraceItem[], env: Env): Promise<void> {
    for (const event of events) {
      record("tail", event.scriptName ?? "unknown");
    }
  },

  trace(traces: TraceItem[]): void {
    record("trace", String(traces.length));
  },
};
