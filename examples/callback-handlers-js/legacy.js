// Written for the Node.js 0.10 runtime: context.succeed / context.fail, no callback at all.
var AWS = require('aws-sdk');

var sns = new AWS.SNS();

exports.greet = function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false;
  if (!event.name) {
    context.fail(new Error('Missing name'));
    return;
  }
  context.succeed({ greeting: 'Hello, ' + event.name + '!' });
};

exports.notify = function (event, context) {
  sns.publish({ TopicArn: process.env.TOPIC_ARN, Message: event.message }, function (err, data) {
    if (err) {
      context.fail(err);
    } else {
      context.succeed(data.MessageId);
    }
  });
};
