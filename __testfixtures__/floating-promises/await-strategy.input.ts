/// <reference types="@cloudflare/workers-types" />

async function logRequest(url: string): Promise<void> {
  await fetch(url, { method: "POST" });
}

export default {
  fetch(request) {
    logRequest(request.url);
    return new Response("ok");
  },
} satisfies ExportedHandler;
