"use server";
import { createStreamableValue } from "ai/rsc";
import { track, tokens } from "../../lib/analytics";
import { after } from "next/server";

export async function ask(prompt: string) {
  const stream = createStreamableValue("");
  (async () => {
    for await (const token of tokens(prompt)) stream.append(token);
    stream.done();
  })();
  after(() => track("request"));
  after(() => track("ask"));
  return { output: stream.value };
}
