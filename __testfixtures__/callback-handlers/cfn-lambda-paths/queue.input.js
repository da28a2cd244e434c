// Every resource function reaches its reply: converted.
const AWS = require("aws-sdk");
const CfnLambda = require("cfn-lambda");

const sqs = new AWS.SQS();

const Delete = CfnLambda.SDKAlias({ api: sqs, method: "deleteQueue", physicalIdAs: "QueueUrl", keys: ["QueueUrl"] });

function Create(params, reply) {
  sqs.createQueue({ QueueName: params.Name }, function (err, data) {
    if (err) return reply(err.message);
    reply(null, data.QueueUrl, { Arn: data.QueueUrl });
  });
}

exports.handler = CfnLambda({
  Create: Create,
  Update: (id, params, old, reply) => {
    if (params.Name !== old.Name) {
      reply("the queue name cannot change");
      return;
    }
    reply(null, id);
  },
  Delete,
  NoUpdate(id, params, reply) {
    reply(null, id);
  },
  SchemaPath: [__dirname, "schema.json"],
});
