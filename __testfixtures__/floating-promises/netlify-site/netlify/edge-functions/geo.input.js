import { track } from "../../lib/stubs.js";

export default async (request, context) => {
  track("edge", context.geo?.country?.code);
  return context.next();
};
