// function.json points at main.js, not at this file.
export default async function (context) {
  fetch("https://example.com/ping", { method: "POST", body: String(context) });
}
