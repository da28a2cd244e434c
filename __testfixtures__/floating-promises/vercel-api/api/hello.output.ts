// Vercel Function (Web signature).

import { waitUntil } from "@vercel/functions";

const track = async (event: string): Promise<void> => {
  await fetch("https://analytics.example.com/", { method: "POST", body: event });
};

export function GET(request: Request) {
  waitUntil(track(`hello ${new URL(request.url).searchParams.get("name")}`));
  return new Response("hello");
}
