module.exports = (cb) => ({ succeed: cb, fail: cb });
