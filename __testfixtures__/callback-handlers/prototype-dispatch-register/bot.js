'use strict';

/** A small skill framework: the handler builds a Bot and hands it the context; a reply answers through it. */
function Bot(name) {
  this._name = name;
}

Bot.prototype.kinds = {
  Start: function (event, context, reply) {
    this.hooks.onStart.call(this, event.request, reply);
  },
  Ask: function (event, context, reply) {
    this.hooks.onAsk.call(this, event.request, reply);
  },
  End: function (event, context) {
    this.hooks.onEnd(event.request);
    context.succeed();
  }
};

Bot.prototype.hooks = {
  onStart: function (request, reply) {
    throw 'onStart is not written';
  },
  onAsk: function (request, reply) {
    var intent = this.intents[request.intent];
    if (intent) {
      intent.call(this, request, reply);
    } else {
      throw 'no intent ' + request.intent;
    }
  },
  onEnd: function (request) {
  }
};

Bot.prototype.intents = {};

Bot.prototype.run = function (event, context) {
  try {
    if (!event.request) {
      throw 'no request';
    }
    var kind = this.kinds[event.request.type];
    kind.call(this, event, context, new Reply(context, event.request));
  } catch (e) {
    context.fail(e);
  }
};

var Reply = function (context, request) {
  this._context = context;
  this._request = request;
};

Reply.prototype = (function () {
  function body(text, end, request) {
    return { text: text, end: end, intent: request.intent || null };
  }
  return {
    say: function (text) {
      this._context.succeed(body(text, true, this._request));
    },
    prompt: function (text) {
      this._context.succeed(body(text, false, this._request));
    },
    refuse: function (error) {
      this._context.fail(error);
    }
  };
})();

module.exports = Bot;
