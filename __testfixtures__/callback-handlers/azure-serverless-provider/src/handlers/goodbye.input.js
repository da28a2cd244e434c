'use strict';

module.exports.sayGoodbye = (context, req) => {
  context.res = {
    body: `Goodbye ${req.query.name || 'there'}`,
  };
  context.done();
};
