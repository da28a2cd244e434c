// A listener registered by name, and an event whose type is not a constant: every async listener may run.
async function onAudit(event: Event) {
  await fetch("https://audit.example.com", { method: "POST", body: event.type });
}
self.addEventListener("audit", onAudit);

function eventFor(kind: string): Event {
  return new Event(kind);
}

Deno.serve((req) => {
  self.dispatchEvent(eventFor(req.method));
  return new Response("ok");
});
