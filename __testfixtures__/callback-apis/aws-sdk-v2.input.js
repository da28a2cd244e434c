const AWS = require("aws-sdk");
const { SQS } = require("aws-sdk");

const s3 = new AWS.S3();
const documents = new AWS.DynamoDB.DocumentClient();
const sqs = new SQS({ region: "eu-west-1" });

exports.handler = async (event) => {
  s3.getSignedUrl("getObject", { Bucket: "audit", Key: event.id }, (err, url) => {
    if (err) throw err;
    console.log(url);
  });
  s3.putObject({ Bucket: "audit", Key: event.id, Body: JSON.stringify(event) }, (err) => {
    if (err) console.error("audit copy failed", err);
  });
  documents.put({ TableName: "events", Item: event }, (err, data) => {
    if (err) {
      console.error(err);
      return;
    }
  });
  sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.id }, (err, data) => {
    if (err) throw err;
    console.log("queued", data.MessageId);
  });
  return { ok: true };
};
