"use strict";

// Express-style middleware and other three-parameter functions are not Lambda handlers.
function auth(req, res, next) {
  if (!req.get("x-api-key")) return next(new Error("unauthorised"));
  next();
}

function errorHandler(err, req, res, next) {
  res.status(500).json({ message: err.message });
}

function add(a, b, c) {
  return a + b + c;
}

exports.handler = async (event, context) => {
  return { statusCode: 200, body: String(add(1, 2, 3)) };
};

// settle-ignore
exports.kept = (event, context, callback) => {
  callback(null, "kept as it is");
};

module.exports.auth = auth;
module.exports.errorHandler = errorHandler;
