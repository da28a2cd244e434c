var AWS = require('aws-sdk');
var apigateway = new AWS.APIGateway();

exports.purge = function(event, context, callback) {
  apigateway.flushStageCache({ restApiId: event.PhysicalResourceId, stageName: 'prod' }, callback);
};
