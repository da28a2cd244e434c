export default (event, context) => {
  if (event.name) context.succeed(`hi ${event.name}`);
  else context.fail("no name");
};
