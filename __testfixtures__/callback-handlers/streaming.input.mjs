import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

export const handler = awslambda.streamifyResponse(async (event, responseStream, _context) => {
  await pipeline(Readable.from(["hello ", "streaming ", "world"]), responseStream);
});

const stream = async (event, responseStream, context) => {
  responseStream.write(`hello ${context.awsRequestId}`);
  responseStream.end();
};

export const streamer = awslambda.streamifyResponse(stream);
