package io.netecho.admin;

import org.junit.jupiter.api.AfterEach;

/** A test of one net-echo node: whatever it started is closed afterwards, pass or fail. */
abstract class NodeTest {

  protected RunningNode node;

  @AfterEach
  void closeNode() {
    if (node != null) {
      node.close();
    }
  }
}
