const countVisit = async (path) => path.length;

/** Named by template.yaml: its name and parameters alone would not say it is a handler. */
export const lambdaHandler = async (request) => {
  countVisit(request.path);
  return { statusCode: 200, body: JSON.stringify({ message: "hello world" }) };
};

/** Not named by template.yaml. */
export const handler = async (event) => {
  countVisit(event.path);
};
