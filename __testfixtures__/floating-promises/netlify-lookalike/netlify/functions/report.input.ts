import { track } from "../../lib/stubs.js";

// A folder named netlify/functions in a package that is no Netlify site (no netlify.toml, no Netlify dependency).
export default async (req: Request) => {
  track("report");
  return new Response("report");
};
