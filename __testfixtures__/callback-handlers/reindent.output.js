'use strict';

const s3 = require('./s3');

exports.handler = async function (event, context) {
	const key = event.Records[0].s3.object.key;
	return new Promise((resolve, reject) => {
		s3.getObject({ Key: key }, function (err, data) {
			if (err) {
				return reject(err);
			}
			const summary = `object ${key}
size ${data.ContentLength}
	type ${data.ContentType}`;

			resolve(summary); // done
		});
	});
};
