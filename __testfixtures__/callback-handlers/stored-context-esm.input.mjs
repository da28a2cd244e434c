import { DynamoDB } from "./db.mjs";

const ddb = new DynamoDB();
let theContext;

const dynamoCallback = (err, response) => {
  if (err) {
    console.log("error", err);
    theContext.fail(err);
  } else {
    theContext.succeed(response.Items);
  }
};

export const handler = (event, context) => {
  theContext = context;
  const params = { Limit: event.limit || 20 };
  ddb.query(params, dynamoCallback);
};
