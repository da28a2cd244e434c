import { putMetric } from './metrics.mjs';
import { getVisitCount, normalizePage, recordVisit } from './visits.mjs';

/**
 * Event doc: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @param {Object} event - API Gateway Lambda Proxy Input Format
 *
 * Context doc: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-prog-model-context.html
 * @param {Object} context
 *
 * Return doc: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * @returns {Object} object - API Gateway Lambda Proxy Output Format
 */
export const lambdaHandler = async (event, context) => {
  const startedAt = Date.now();
  const page = normalizePage(event.pathParameters?.page);

  const previous = await getVisitCount(page);

  putMetric('PageView', 1, 'Count', { Page: page });

  recordVisit(page).finally(() => {
    console.log(`Recorded visit to ${page} in ${Date.now() - startedAt} ms`);
  });

  return {
    statusCode: 200,
    body: JSON.stringify({
      page,
      visits: previous + 1,
      requestId: context.awsRequestId,
    }),
  };
};
