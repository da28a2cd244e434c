import { onRequest } from "firebase-functions/v2/https";
import { bus } from "./bus.js";

export const late = onRequest((req, res) => {
  res.status(202).send("accepted");
  bus.emit("signup", String(req.query.email));
});

export const signup = onRequest(async (req, res) => {
  await bus.emitAsync("signup", String(req.query.email));
  res.send("ok");
});
