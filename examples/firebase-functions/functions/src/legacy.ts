import * as functions from "firebase-functions/v1";
import { incrementUserCount } from "./lib/store.js";

// A first-generation function, still deployed from the same codebase.
export const countNewUser = functions.region("europe-west1").auth.user().onCreate((user) => {
  incrementUserCount(new Date(user.metadata.creationTime).toISOString().slice(0, 10));
  return null;
});
