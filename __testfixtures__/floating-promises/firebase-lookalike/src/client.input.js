// The web SDK's listeners are named like triggers, but they come from `firebase`, not `firebase-functions`.
const { getFirestore, doc, onSnapshot } = require("firebase/firestore");
const { getAuth, onAuthStateChanged } = require("firebase/auth");
const { audit, notify } = require("./store.js");

exports.unsubscribe = onSnapshot(doc(getFirestore(), "rooms/lobby"), (snap) => {
  audit(snap.id);
});

exports.stopAuth = onAuthStateChanged(getAuth(), (user) => {
  notify(user ? user.uid : "signed-out");
});
