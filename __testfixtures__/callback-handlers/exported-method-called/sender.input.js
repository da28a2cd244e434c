module.exports = {
  sendResponse: function(event, context, responseStatus, responseData) {
    console.log(responseStatus, JSON.stringify(responseData));
    if (responseStatus === 'FAILED') {
      return context.done(responseStatus);
    }
    context.done();
  }
};
