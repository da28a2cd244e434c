exports.getObject = (key, callback) => setTimeout(() => callback(null, { Body: `body of ${key}` }), 1);
