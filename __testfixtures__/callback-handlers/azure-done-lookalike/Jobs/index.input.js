// Not an Azure Functions app (no host.json, no @azure/functions): a job runner's own
// (context, job) convention, whose done is not Azure's. settle leaves it alone.
module.exports = function (context, job) {
  context.log("running", job.id);
  context.done(null, { id: job.id });
};
