const { recordUsage } = require("./usage");

async function track(path) {
  return path;
}

function auth(req, res, next) {
  track(req.path);
  next();
}

function errorHandler(err, req, res, next) {
  track(err.message);
  res.status(500).end();
}

module.exports = { auth, errorHandler };
