exports.https = { onRequest: (handler) => handler };
