var sender = require('./sender');

sender.sendResponse({ RequestId: 'local' }, { done: function(err) { console.log('done', err); } }, 'SUCCESS', {});
