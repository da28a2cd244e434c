const { db } = require("./services");

async function processRecord(record) {
  await db.load(record.id);
}

exports.handler = async (event, context, callback) => {
  try {
    event.Records.forEach(processRecord);
    callback(null, { status: "Photo Processed" });
  } catch (err) {
    console.error(err);
    callback(err);
  }
};

exports.awaited = async (event, context, callback) => {
  try {
    for (const record of event.Records) await processRecord(record);
    callback(null, { status: "Photo Processed" });
  } catch (err) {
    console.error(err);
    callback(err);
  }
};
