package io.netecho.log;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain of causes, outermost first, each once. */
class CausesTest {

  @Test
  void theChainRunsFromTheFailureToItsRootCause() {
    IOException root = new IOException("disk");
    UncheckedIOException middle = new UncheckedIOException(root);
    IllegalStateException top = new IllegalStateException("start", middle);
    assertEquals(List.of(top, middle, root), Causes.of(top));
    assertSame(root, Causes.root(top));
    IllegalStateException alone = new IllegalStateException("alone");
    assertSame(alone, Causes.root(alone));
  }

  @Test
  void aCycleEndsTheChain() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    assertEquals(List.of(a, b), Causes.of(a));
    assertSame(b, Causes.root(a));
  }

  @Test
  void theInnermostOfATypeIsFound() {
    IOException inner = new IOException("inner");
    IOException outer = new IOException("outer", new RuntimeException(inner));
    assertSame(inner, Causes.innermost(outer, IOException.class));
    assertNull(Causes.innermost(outer, IllegalStateException.class));
    assertTrue(Causes.has(outer, RuntimeException.class));
    assertFalse(Causes.has(outer, IllegalStateException.class));
  }
}
