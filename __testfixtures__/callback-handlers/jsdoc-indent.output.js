'use strict';

/**
 * A file of four-space indentation with a JSDoc header: the code moved into the promise
 * wrapper is indented by four spaces, not by the one space before the comment's `*`.
 */
const { db } = require('./services');

/**
 * @param {object} event
 * @param {object} context
 * @param {Function} callback
 */
exports.handler = async function (event, context) {
    return new Promise((resolve, reject) => {
        db.get(event.id, function (err, item) {
            if (err) {
                return reject(err);
            }
            resolve(item);
        });
    });
};
