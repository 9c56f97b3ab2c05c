// Child process of the loopback limit: a TCP server on 127.0.0.1 that discards what it reads.
// Prints its port, then one JSON line per connection: bytes received and the time from the
// first to the last byte.
import { createServer } from 'node:net';

const server = createServer((socket) => {
  let bytes = 0;
  let first = 0;
  let last = 0;
  socket.on('data', (d: Buffer) => {
    if (bytes === 0) first = performance.now();
    bytes += d.length;
    last = performance.now();
  });
  socket.on('end', () => {
    process.stdout.write(`${JSON.stringify({ bytes, ms: last - first })}\n`);
    socket.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  if (addr && typeof addr === 'object') process.stdout.write(`${addr.port}\n`);
});
