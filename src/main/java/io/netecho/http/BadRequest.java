package io.netecho.http;

/** A request the HTTP echo cannot serve as asked: answered 400 with this one-line message, never a stack trace. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message, null, false, false);
  }
}
