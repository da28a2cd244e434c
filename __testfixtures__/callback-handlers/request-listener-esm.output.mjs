import https from 'node:https';

export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    const req = https.get(event.url, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode, body }));
      res.on('error', (err, result) => (err != null ? reject(err) : resolve(result)));
    });
    req.on('error', (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};
