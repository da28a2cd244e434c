module.exports.route = require('./router').route;
module.exports.lookup = require('./router').lookup;
