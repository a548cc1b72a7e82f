package io.netecho.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code Authorization: Bearer} check of {@code POST /broadcast}. */
class BearerTokenTest {

  private final BearerToken token = new BearerToken("s3cret");

  @Test
  void theRightTokenMatchesWhateverTheCaseOfTheScheme() {
    assertTrue(token.matches("Bearer s3cret"));
    assertTrue(token.matches("bearer s3cret"));
  }

  @Test
  void aWrongPrefixOrExtensionOfTheTokenDoesNotMatch() {
    assertFalse(token.matches("Bearer s3cre"));
    assertFalse(token.matches("Bearer s3crett"));
    assertFalse(token.matches("Bearer S3CRET"));
  }

  @Test
  void anotherSchemeOrNoHeaderDoesNotMatch() {
    assertFalse(token.matches("Basic s3cret"));
    assertFalse(token.matches("s3cret"));
    assertFalse(token.matches(null));
  }

  @Test
  void theConfiguredTokenIsTrimmedByTheRuleThePresentedOneIs() {
    BearerToken fromAFile = new BearerToken("s3cret\n");
    assertTrue(fromAFile.matches("Bearer s3cret"));
    assertTrue(fromAFile.matches("Bearer s3cret "));
    assertFalse(fromAFile.matches("Bearer s3cret\\n"));
  }

  @Test
  void withoutAConfiguredTokenNothingMatches() {
    BearerToken none = new BearerToken(null);
    assertFalse(none.configured());
    assertFalse(none.matches("Bearer "));
    assertFalse(none.matches("Bearer null"));
  }
}
