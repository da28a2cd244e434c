// Sentry's Lambda wrappers: @sentry/aws-serverless, the older @sentry/serverless namespace, and withSentry.
const Sentry = require("@sentry/aws-serverless");
const SentryLegacy = require("@sentry/serverless");
const { withSentry } = require("@sentry/nextjs");

async function audit(what) {}

async function createOrder(event) {
  audit(`order:${event.id}`);
  return { statusCode: 201 };
}

exports.handler = Sentry.wrapHandler(createOrder);

exports.legacyHandler = SentryLegacy.AWSLambda.wrapHandler(async (event, context) => {
  audit(`legacy:${event.id}`);
  return { statusCode: 200 };
});

exports.apiHandler = withSentry(async (event) => {
  audit("api");
  return { statusCode: 200 };
});
