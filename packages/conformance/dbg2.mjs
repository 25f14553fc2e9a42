import { request as hr } from 'node:http';
import { startMockAccounts } from '@tokenswap/mock-accounts';

const mock = await startMockAccounts({ logger: false });
for (let i = 0; i < 30; i++) {
  await new Promise((resolve) => {
    const u = new URL('/api/token', mock.url);
    const req = hr(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        console.log('response', res.statusCode);
        res.resume();
        res.on('end', resolve);
        res.on('error', (e) => {
          console.log('reserr', e.message);
          resolve();
        });
      },
    );
    req.on('error', (e) => {
      console.log('reqerr', e.code, e.message);
      setTimeout(resolve, 200);
    });
    req.end('grant_type=authorization_code&code=' + 'A'.repeat(1.5 * 1024 * 1024));
  });
}
await mock.close();
