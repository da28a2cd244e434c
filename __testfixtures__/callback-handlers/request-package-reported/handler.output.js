const request = require("request");

// The note is posted with no callback (the `request` package sends it all the same), then the handler
// calls back: the old runtime answered once the post was done; an async handler answers before it.
exports.echo = (event, context, callback) => {
  const note = JSON.parse(event.body).note;
  request.post(event.url).form({ text: note });
  callback(null, { statusCode: 200 });
};

// The package called as a function, no callback either.
exports.ping = (event, context, callback) => {
  request(event.url);
  callback(null, "sent");
};

// The request's own callback answers: nothing is left pending after it, this one converts.
exports.fetch = async (event, context) => {
  return new Promise((resolve, reject) => {
    request(event.url, function (error, response, body) {
      resolve({ statusCode: 200, body });
    });
  });
};
