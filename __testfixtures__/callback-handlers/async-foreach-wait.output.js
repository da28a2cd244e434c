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

exports.awaited = async (event, context) => {
  try {
    for (const record of event.Records) await processRecord(record);
    return { status: "Photo Processed" };
  } catch (err) {
    console.error(err);
    throw err;
  }
};
