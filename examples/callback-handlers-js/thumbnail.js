// Resize images uploaded to the source bucket and store them in "<bucket>-resized".
const async = require('async');
const AWS = require('aws-sdk');
const gm = require('gm').subClass({ imageMagick: true });

const MAX_WIDTH = 100;
const MAX_HEIGHT = 100;

const s3 = new AWS.S3();

exports.handler = function (event, context, callback) {
  const srcBucket = event.Records[0].s3.bucket.name;
  // Object keys may have spaces or unicode non-ASCII characters.
  const srcKey = decodeURIComponent(event.Records[0].s3.object.key.replace(/\+/g, ' '));
  const dstBucket = srcBucket + '-resized';
  const dstKey = 'resized-' + srcKey;

  if (srcBucket === dstBucket) {
    callback('Source and destination buckets are the same.');
    return;
  }

  const typeMatch = srcKey.match(/\.([^.]*)$/);
  if (!typeMatch) {
    callback('Could not determine the image type.');
    return;
  }
  const imageType = typeMatch[1].toLowerCase();
  if (imageType !== 'jpg' && imageType !== 'png') {
    callback(`Unsupported image type: ${imageType}`);
    return;
  }

  // Download the image, resize it and upload it to the other bucket.
  async.waterfall([
    function download(next) {
      s3.getObject({ Bucket: srcBucket, Key: srcKey }, next);
    },
    function transform(response, next) {
      gm(response.Body).size(function (err, size) {
        if (err) return next(err);
        const scale = Math.min(MAX_WIDTH / size.width, MAX_HEIGHT / size.height);
        this.resize(scale * size.width, scale * size.height).toBuffer(imageType, (error, buffer) => {
          if (error) next(error);
          else next(null, response.ContentType, buffer);
        });
      });
    },
    function upload(contentType, data, next) {
      s3.putObject({ Bucket: dstBucket, Key: dstKey, Body: data, ContentType: contentType }, next);
    },
  ], (err) => {
    if (err) {
      console.error(`Unable to resize ${srcBucket}/${srcKey} and upload to ${dstBucket}/${dstKey}: ${err}`);
    } else {
      console.log(`Resized ${srcBucket}/${srcKey} and uploaded to ${dstBucket}/${dstKey}`);
    }
    callback(null, 'done');
  });
};
