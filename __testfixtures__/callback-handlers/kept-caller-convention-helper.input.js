exports.handler = function (event, context) {
  event.items.forEach(function (record) {
    sendResponse(event, context, "SUCCESS", record);
  });
};

function sendResponse(event, context, responseStatus, responseData) {
  console.log(responseStatus, JSON.stringify(responseData));
  if (responseStatus === "FAILED") return context.done(responseStatus);
  context.done();
}

exports.sendResponse = sendResponse;
