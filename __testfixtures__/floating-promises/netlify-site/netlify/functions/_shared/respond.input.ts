import { track } from "../../../lib/stubs.js";

// Not a function file (a folder's file that is neither index nor named after the folder): left alone.
export default async (req: Request) => {
  track("shared");
  return new Response("shared");
};
