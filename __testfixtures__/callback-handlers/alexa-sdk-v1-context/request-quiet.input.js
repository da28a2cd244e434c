const Alexa = require("alexa-sdk");
const https = require("https");

const handlers = {
  GetQuote() {
    const req = https.get("https://quotes.example.com/today", (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => this.emit(":tell", body));
    });
    req.on("error", (e) => console.log("quote failed", e.message));
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
