import { track } from "../../lib/stubs.js";

export default async (request, context) => {
  context.waitUntil(track("edge", context.geo?.country?.code));
  return context.next();
};
