// What compare.mjs, floor-windows.mjs and repeat.mjs share for timing eth_calls (no npm packages: repeat.mjs runs
// without them).
import http from 'node:http';

// Init code that returns `runtime` (hex, no 0x): CODECOPY the tail, RETURN it.
export function initCode(runtime) {
  const len = runtime.length / 2;
  const header = '61' + len.toString(16).padStart(4, '0') + '80' + '600c' + '6000' + '39' + '6000' + 'f3';
  // 61 LLLL PUSH2 len; 80 DUP1; 60 0c PUSH1 12 (header size); 60 00 PUSH1 0; 39 CODECOPY; 60 00 PUSH1 0; f3 RETURN
  if (header.length / 2 !== 12) throw new Error('init code header size');
  return '0x' + header + runtime;
}

// Timed JSON-RPC: node:http with one kept-alive socket per node, the body serialised before the clock starts.
export function timedClient(url) {
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (body) => new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        ok({ ms, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
