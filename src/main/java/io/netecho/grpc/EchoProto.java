package io.netecho.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;

/**
 * The messages and the service of {@code netecho/v1/echo.proto} (shipped in the jar at that path), as
 * protobuf descriptors built here, field by field, from that file.
 *
 * <p>No code is generated at build time: protoc and its Maven plugin are not needed, and the two tiny
 * messages are {@link DynamicMessage}s read and made through these descriptors. The same descriptors
 * are what server reflection hands to clients such as grpcurl, so they carry the file's name, package
 * and options. A test loads the shipped file with another parser (protobuf.js, through
 * {@code @grpc/proto-loader}) and checks that it describes the same messages and methods.
 */
final class EchoProto {

  static final String FILE_NAME = "netecho/v1/echo.proto";
  static final ServiceName SERVICE = ServiceName.create("netecho.v1", "Echo");

  static final Descriptors.FileDescriptor FILE = build();
  static final Descriptors.Descriptor REQUEST = FILE.findMessageTypeByName("EchoRequest");
  static final Descriptors.Descriptor RESPONSE = FILE.findMessageTypeByName("EchoResponse");
  static final Descriptors.ServiceDescriptor ECHO = FILE.findServiceByName("Echo");

  private static final Descriptors.FieldDescriptor REQUEST_MESSAGE = REQUEST.findFieldByName("message");
  private static final Descriptors.FieldDescriptor REQUEST_PAYLOAD = REQUEST.findFieldByName("payload");
  private static final Descriptors.FieldDescriptor REQUEST_COUNT = REQUEST.findFieldByName("count");
  private static final Descriptors.FieldDescriptor RESPONSE_MESSAGE = RESPONSE.findFieldByName("message");
  private static final Descriptors.FieldDescriptor RESPONSE_PAYLOAD = RESPONSE.findFieldByName("payload");
  private static final Descriptors.FieldDescriptor RESPONSE_INDEX = RESPONSE.findFieldByName("index");
  private static final Descriptors.FieldDescriptor RESPONSE_COUNT = RESPONSE.findFieldByName("count");

  private EchoProto() {
  }

  /** {@code EchoRequest}, read. */
  record Request(String message, ByteString payload, int count) {

    static Request of(DynamicMessage message) {
      return new Request((String) message.getField(REQUEST_MESSAGE), (ByteString) message.getField(REQUEST_PAYLOAD),
        (Integer) message.getField(REQUEST_COUNT));
    }
  }

  /** An {@code EchoResponse}; fields at their defaults are left out on the wire, as protoc's code does. */
  static DynamicMessage response(String message, ByteString payload, int index, int count) {
    return DynamicMessage.newBuilder(RESPONSE)
      .setField(RESPONSE_MESSAGE, message)
      .setField(RESPONSE_PAYLOAD, payload)
      .setField(RESPONSE_INDEX, index)
      .setField(RESPONSE_COUNT, count)
      .build();
  }

  /** The method of the Echo service called {@code name}, decoding requests and encoding replies (protobuf or JSON). */
  static ServiceMethod<DynamicMessage, DynamicMessage> method(String name) {
    return ServiceMethod.server(SERVICE, name, GrpcMessageEncoder.encoder(),
      GrpcMessageDecoder.decoder(DynamicMessage.getDefaultInstance(REQUEST)));
  }

  private static Descriptors.FileDescriptor build() {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
      .setName(FILE_NAME)
      .setPackage("netecho.v1")
      .setSyntax("proto3")
      .setOptions(FileOptions.newBuilder().setJavaMultipleFiles(true).setJavaPackage("io.netecho.grpc.v1"))
      .addMessageType(message("EchoRequest",
        field("message", 1, FieldDescriptorProto.Type.TYPE_STRING),
        field("payload", 2, FieldDescriptorProto.Type.TYPE_BYTES),
        field("count", 3, FieldDescriptorProto.Type.TYPE_INT32)))
      .addMessageType(message("EchoResponse",
        field("message", 1, FieldDescriptorProto.Type.TYPE_STRING),
        field("payload", 2, FieldDescriptorProto.Type.TYPE_BYTES),
        field("index", 3, FieldDescriptorProto.Type.TYPE_INT32),
        field("count", 4, FieldDescriptorProto.Type.TYPE_INT32)))
      .addService(ServiceDescriptorProto.newBuilder().setName("Echo")
        .addMethod(rpc("Echo", false, false))
        .addMethod(rpc("Expand", false, true))
        .addMethod(rpc("Collect", true, false))
        .addMethod(rpc("Chat", true, true)))
      .build();
    try {
      return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    for (FieldDescriptorProto field : fields) {
      message.addField(field);
    }
    return message.build();
  }

  private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder()
      .setName(name)
      .setJsonName(name)
      .setNumber(number)
      .setType(type)
      .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
      .build();
  }

  private static MethodDescriptorProto rpc(String name, boolean clientStreaming, boolean serverStreaming) {
    MethodDescriptorProto.Builder method = MethodDescriptorProto.newBuilder()
      .setName(name)
      .setInputType(".netecho.v1.EchoRequest")
      .setOutputType(".netecho.v1.EchoResponse");
    // set only when true, as protoc writes them
    if (clientStreaming) {
      method.setClientStreaming(true);
    }
    if (serverStreaming) {
      method.setServerStreaming(true);
    }
    return method.build();
  }
}
