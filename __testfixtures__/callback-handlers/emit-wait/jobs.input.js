exports.run = require('./run');
