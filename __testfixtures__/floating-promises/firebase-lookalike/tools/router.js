exports.http = (name, handler) => handler;
exports.onRequest = (handler) => handler;
