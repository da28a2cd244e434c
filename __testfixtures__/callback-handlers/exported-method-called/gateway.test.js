var gateway = require('./gateway');

gateway.describeGateway({ PhysicalResourceId: 'x' }, {}, function(err, data) {
  console.log(err, data);
});
