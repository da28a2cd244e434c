"use server";
import { createStreamableUI } from "ai/rsc";
import { track, tokens } from "../../lib/analytics";
import { after } from "next/server";

export async function render(prompt) {
  const ui = createStreamableUI("…");
  const fill = async () => {
    for await (const token of tokens(prompt)) ui.update(token);
    ui.done();
  };
  fill();
  after(() => track("render"));
  return ui.value;
}
