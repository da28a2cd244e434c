'use strict';

// An object that keeps the invocation's context and answers through it later.
function Reply(context, session) {
  this._context = context;
  this._session = session;
}

Reply.prototype.say = function (text) {
  this._context.succeed({ text: text, session: this._session });
};

Reply.prototype.refuse = function (err) {
  this._context.fail(err);
};

module.exports = Reply;
