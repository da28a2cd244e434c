import { getItem } from "./db";

let theContext;

const dynamoCallback = (err, item) => {
  if (err) {
    console.log("error", err);
    theContext.fail(err);
  } else {
    theContext.succeed({ item, request: theContext.awsRequestId });
  }
};

export const handler = (event, context) => {
  theContext = context;
  const params = { id: event.id || "a" };
  getItem(params, dynamoCallback);
};
