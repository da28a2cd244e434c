var AWS = require('aws-sdk');
var apigateway = new AWS.APIGateway();

module.exports = {
  deleteGateway: function(event, context, callback) {
    console.log('deleting gateway', event.PhysicalResourceId);
    apigateway.deleteRestApi({ restApiId: event.PhysicalResourceId }, callback);
  },
  describeGateway: async function(event, context) {
    return { id: event.PhysicalResourceId };
  }
};
