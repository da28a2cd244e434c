'use strict';

const s3 = require('./s3');

exports.handler = function (event, context, callback) {
	const key = event.Records[0].s3.object.key;
	s3.getObject({ Key: key }, function (err, data) {
		if (err) {
			return callback(err);
		}
		context.callbackWaitsForEmptyEventLoop = false;
		const summary = `object ${key}
size ${data.ContentLength}
	type ${data.ContentType}`;

		callback(null, summary); // done
	});
};
