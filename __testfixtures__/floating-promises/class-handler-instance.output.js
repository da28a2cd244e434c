// Class-based handlers without a bound instance: `new Worker().handle`, and a static method.
async function save(item) {}

class Worker {
  async handle(event) {
    await save(event.id);
    return { ok: true };
  }
}

class Cron {
  static async run(event, context) {
    await save("tick");
  }
}

class Base {
  async process(event) {
    await save(`base:${event.id}`);
  }
}

class Consumer extends Base {}

exports.handler = new Worker().handle;
exports.cronHandler = Cron.run;
const consumer = new Consumer();
exports.consumeHandler = consumer.process.bind(consumer);
