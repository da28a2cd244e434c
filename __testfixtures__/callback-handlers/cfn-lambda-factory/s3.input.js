// A plain module of the project: its exports are not handlers.
exports.create = (params, callback) => setImmediate(() => callback(null, { name: params.Bucket }));
exports.deleteBucket = (params, callback) => setImmediate(() => callback(null, {}));
