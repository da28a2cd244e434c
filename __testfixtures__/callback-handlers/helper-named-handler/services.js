exports.db = { get: (id, cb) => setImmediate(() => (id === "broken" ? cb(new Error("db down")) : cb(null, { id }))) };
