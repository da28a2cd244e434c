import { track } from "../lib/stubs.js";

export default async (req: Request) => {
  track("ping");
  return new Response("pong");
};
