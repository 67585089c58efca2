package io.forewarn.ops.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  @Test
  void generatedTokensAreWellFormedAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String t = ApiTokens.generate();
      assertThat(ApiTokens.wellFormed(t)).as(t).isTrue();
      assertThat(seen.add(t)).isTrue();
    }
  }

  @Test
  void rejectsTokensOfTheWrongShape() {
    assertThat(ApiTokens.wellFormed(null)).isFalse();
    assertThat(ApiTokens.wellFormed("")).isFalse();
    assertThat(ApiTokens.wellFormed("fwt_short")).isFalse();
    assertThat(ApiTokens.wellFormed("xyz_" + "a".repeat(43))).isFalse();
    assertThat(ApiTokens.wellFormed("fwt_" + "a".repeat(42) + "!")).isFalse();
    assertThat(ApiTokens.wellFormed("fwt_" + "a".repeat(44))).isFalse();
  }

  @Test
  void hashIsSha256AndComparedWholly() {
    byte[] a = ApiTokens.sha256("fwt_" + "a".repeat(43));
    byte[] b = ApiTokens.sha256("fwt_" + "a".repeat(42) + "b");
    assertThat(a).hasSize(32);
    assertThat(ApiTokens.sameHash(a, a.clone())).isTrue();
    assertThat(ApiTokens.sameHash(a, b)).isFalse();
  }

  @Test
  void eachRoleIncludesTheOnesBelowIt() {
    assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
    assertThat(Role.parse("operator")).contains(Role.OPERATOR);
    assertThat(Role.parse("OPERATOR")).isEmpty();
  }
}
