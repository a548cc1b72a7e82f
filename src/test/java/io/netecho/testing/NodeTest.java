package io.netecho.testing;

import org.junit.jupiter.api.AfterEach;

/** A test of one net-echo node: whatever it started is closed afterwards, pass or fail. */
public abstract class NodeTest {

  protected RunningNode node;

  @AfterEach
  protected void closeNode() {
    if (node != null) {
      node.close();
    }
  }
}
