import https from 'node:https';

export const handler = (event, context, callback) => {
  const req = https.get(event.url, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => callback(null, { statusCode: res.statusCode, body }));
    res.on('error', callback);
  });
  req.on('error', callback);
};
