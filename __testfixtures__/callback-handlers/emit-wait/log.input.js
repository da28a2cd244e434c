exports.logIfErr = function(err) {
  if (err) console.error(err.stack || err);
};
