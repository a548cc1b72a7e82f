// One call to net-echo's gRPC echo with grpc-js, the way a Node user would make it:
//   node call.js ADDRESS PROTO_FILE '{"method":"Chat","requests":[{"message":"a"}],"metadata":{"x-demo":"1"}}'
// prints one JSON line: the replies, the response headers and trailers, the status code and details.
// Bytes (payloads, -bin metadata) are base64. With "descriptor" as the spec, prints the .proto file's
// descriptor as protobuf.js reads it (FileDescriptorProto, base64) instead, and calls nothing.
'use strict';
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [address, protoFile, specText] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoFile, {keepCase: true, longs: String, defaults: true});
if (specText === 'descriptor') {
  const files = definition['netecho.v1.EchoRequest'].fileDescriptorProtos;
  console.log(JSON.stringify(files.map(file => Buffer.from(file).toString('base64'))));
  process.exit(0);
}
const spec = JSON.parse(specText);
const Echo = grpc.loadPackageDefinition(definition).netecho.v1.Echo;
const client = new Echo(address, grpc.credentials.createInsecure());

const metadata = new grpc.Metadata();
for (const [key, value] of Object.entries(spec.metadata || {})) {
  for (const one of [].concat(value)) {
    metadata.add(key, key.endsWith('-bin') ? Buffer.from(one, 'base64') : one);
  }
}
const requests = (spec.requests || []).map(r => ({...r, payload: Buffer.from(r.payload || '', 'base64')}));
const result = {replies: [], headers: null, trailers: null, code: null, details: null};
const text = md => {
  const out = {};
  for (const [key, values] of Object.entries(md.toJSON())) {
    out[key] = values.map(v => Buffer.isBuffer(v) ? v.toString('base64') : v);
  }
  return out;
};
const reply = r => result.replies.push({...r, payload: r.payload.toString('base64')});
const options = spec.deadlineMs ? {deadline: Date.now() + spec.deadlineMs} : {};
const method = client[spec.method].bind(client);
const definitionOf = Echo.service[spec.method];
let call;
if (definitionOf.requestStream) {
  call = definitionOf.responseStream ? method(metadata, options) : method(metadata, options, (err, r) => r && reply(r));
  requests.forEach(r => call.write(r));
  call.end();
} else {
  call = definitionOf.responseStream ? method(requests[0], metadata, options)
    : method(requests[0], metadata, options, (err, r) => r && reply(r));
}
if (definitionOf.responseStream) {
  call.on('data', reply);
  call.on('error', () => {});
}
call.on('metadata', md => { result.headers = text(md); });
call.on('status', status => {
  result.code = status.code;
  result.details = status.details;
  result.trailers = text(status.metadata);
  // the unary callback runs after 'status': print on the next turn
  setImmediate(() => {
    console.log(JSON.stringify(result));
    client.close();
  });
});
