// A plain class of the project: not a handler.
module.exports = class Cleaner {
  constructor(bucket, done, failed) {
    this.bucket = bucket;
    this.done = done;
    this.failed = failed;
  }
  run() {
    if (this.bucket) setImmediate(this.done);
  }
};
