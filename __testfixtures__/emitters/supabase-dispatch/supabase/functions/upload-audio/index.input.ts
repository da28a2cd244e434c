// A background task handed to a listener through the global EventTarget: dispatchEvent returns at
// once, and the listener's await of the upload runs after the response (or never).
class UploadStarted extends Event {
  constructor(readonly upload: Promise<{ path: string }>) {
    super("upload-started");
  }
}

globalThis.addEventListener("upload-started", async (event) => {
  const { path } = await (event as UploadStarted).upload;
  console.log("stored", path);
});

// Synchronous: it finishes inside dispatchEvent.
addEventListener("hit", (event) => countHit((event as CustomEvent<string>).detail));

Deno.serve(async (req) => {
  const [forClient, forStorage] = req.body!.tee();
  const started = new UploadStarted(storeUpload("audio.mp3", forStorage));
  globalThis.dispatchEvent(started);
  dispatchEvent(new CustomEvent("hit", { detail: new URL(req.url).pathname }));
  return new Response(forClient, { headers: { "Content-Type": "audio/mpeg" } });
});
