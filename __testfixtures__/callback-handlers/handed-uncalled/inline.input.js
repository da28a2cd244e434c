// A function of the same file, handed the answering function: its "skip" path calls back, its other path only logs.
function visit(event, next) {
  if (event.skip) {
    return next(null, 'skipped');
  }
  console.log('visited', event.id);
}

exports.handler = function(event, context) {
  visit(event, function(err, result) {
    context.done(err, result);
  });
};
