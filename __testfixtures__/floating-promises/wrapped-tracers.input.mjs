// Tracing wrappers: epsagon.lambdaWrapper, lumigo's trace, and dazn-lambda-powertools' wrap.
import epsagon from "epsagon";
import lumigo from "@lumigo/tracer";
import wrap from "@dazn/lambda-powertools-pattern-basic";

async function send(what) {}

export const handler = epsagon.lambdaWrapper(async (event) => {
  send("epsagon");
  return { ok: true };
});

const traced = async (event, context) => {
  send("lumigo");
};
export const tracedHandler = lumigo.trace(traced);

export const basicHandler = wrap(async (event) => {
  send("dazn");
});
