// A (context, req) function in a folder without function.json: no v3 function.
export default async function (context, req) {
  fetch("https://example.com/log", { method: "POST", body: String(req && context) });
}
