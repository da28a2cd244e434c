'use strict';

module.exports.sayGoodbye = async (context, req) => {
  context.res = {
    body: `Goodbye ${req.query.name || 'there'}`,
  };
};
