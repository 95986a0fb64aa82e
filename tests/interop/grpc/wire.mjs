// Hand-written protobuf wire helpers. The Pod is encoded with the field numbers of upstream k8s.io/api core/v1, not
// from our protos/ subset, so a wrong number in that subset cannot hide behind the same number used to encode it.
import protobuf from 'protobufjs';

const LENGTH_DELIMITED = 2;

/** A v1.Pod with one container requesting the given cpu and memory quantities (e.g. '950m', '3584Mi'). */
export function encodePod({ cpu, memory }) {
  const requests = [['cpu', cpu], ['memory', memory]].map(([name, amount]) =>
    message(2, (w) => { string(w, 1, name); message(2, (q) => string(q, 1, amount))(w); })); // map entry {key 1, value 2: Quantity{string 1}}
  const resources = message(8, (w) => requests.forEach((entry) => entry(w))); // Container.resources 8 → ResourceRequirements.requests 2
  const container = message(2, (w) => { string(w, 1, 'app'); resources(w); }); // PodSpec.containers 2
  const spec = message(2, container); // Pod.spec 2
  const writer = protobuf.Writer.create();
  spec(writer);
  return Buffer.from(writer.finish());
}

/** The length-delimited fields of a message by number (last one wins); other wire types are skipped. */
export function parseFields(bytes) {
  const reader = protobuf.Reader.create(bytes);
  const fields = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if ((tag & 7) === LENGTH_DELIMITED) fields[tag >>> 3] = Buffer.from(reader.bytes());
    else reader.skipType(tag & 7);
  }
  return fields;
}

function string(writer, field, value) {
  writer.uint32((field << 3) | LENGTH_DELIMITED).string(value);
}

function message(field, body) {
  return (writer) => {
    writer.uint32((field << 3) | LENGTH_DELIMITED).fork();
    body(writer);
    writer.ldelim();
  };
}
