"use server";
import { createStreamableUI } from "ai/rsc";
import { track, tokens } from "../../lib/analytics";
import { after } from "next/server";

// The streamable UI is updated from un-awaited async work while ui.value is returned.
export async function render(prompt: string) {
  const ui = createStreamableUI("…");
  (async () => {
    for await (const token of tokens(prompt)) ui.append(token);
    ui.done();
  })();
  after(() => track("render"));
  return { display: ui.value };
}
