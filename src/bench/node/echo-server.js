'use strict';
// The Node reference of scripts/bench: Node's classic net echo server, as the net-echo README
// describes it. NODE_ECHO_PORT (default 8124), NODE_ECHO_PREFIX (default 'Repeating: '),
// NODE_ECHO_LOG=1 turns on its console logging (one line per connection event and per chunk).
const net = require('net');

const port = Number(process.env.NODE_ECHO_PORT || 8124);
const prefix = process.env.NODE_ECHO_PREFIX === undefined ? 'Repeating: ' : process.env.NODE_ECHO_PREFIX;
const log = process.env.NODE_ECHO_LOG === '1';

const server = net.createServer((conn) => {
  const peer = conn.remoteAddress + ':' + conn.remotePort;
  if (log) console.log('connected ' + peer);
  conn.on('data', (data) => {
    if (log) console.log(data + ' from ' + peer);
    conn.write(prefix + data);
  });
  conn.on('close', () => {
    if (log) console.log('client closed connection ' + peer);
  });
  conn.on('error', (err) => {
    if (log) console.log('connection error ' + peer + ': ' + err.message);
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log('listening on port ' + server.address().port);
});
