exports.build = require('./build');

exports.rebuild = require('./rebuild');
