import { track } from "../../lib/stubs.js";

// The default folder is not the functions folder of this site: no entry point here.
export default async (req: Request) => {
  track("old");
  return new Response("old");
};
