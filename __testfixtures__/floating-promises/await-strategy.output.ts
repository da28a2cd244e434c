/// <reference types="@cloudflare/workers-types" />

async function logRequest(url: string): Promise<void> {
  await fetch(url, { method: "POST" });
}

export default {
  async fetch(request) {
    await logRequest(request.url);
    return new Response("ok");
  },
} satisfies ExportedHandler;
