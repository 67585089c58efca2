package io.forewarn.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MosquittoPasswordHashTest {

  /** Lines written by mosquitto_passwd 2.0.11 ({@code mosquitto_passwd -c -b FILE USER PASSWORD}). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "s3cret-Ünï|$7$101$ygIi5gCdFLYajxcV$04koKxhHlZaR9QZMVh03kv2aUsQSITrcfahp/pxq7kv17xX6JBzb71e4V8U/vFwVcXRrutO3tHYGT+LJlHSVew==",
      "FD6ftyJdFpCroOWgKfZFtH5mkR1GuDNTPFUkGjZDidA|$7$101$0hEChFYg5a/ncehx$AnSMzR6pLhQHYVKIMzgLtQIzYk1Q3EE8fLUQb9Mwru2QfmCmj1hEixXAdJXZevwtewTmdGJPDt8+8Freuic+NA==",
      "gateway|$7$101$Xc2eBoqq44OvzMJE$092S1/bF2iHh08DHseiDVxkXOBb615J39ds8LlrFbXh6qwRoxyZTbhy9wyDAqVqSlzh4KPr2JgtGNeKv55iX5g=="})
  void hashes_exactly_as_mosquitto_passwd_does(String password, String written) {
    // GIVEN the salt mosquitto_passwd chose
    byte[] salt = Base64.getDecoder().decode(written.split("\\$")[3]);
    // WHEN we hash the same password with it
    // THEN we write the same line, and recognise theirs
    assertThat(MosquittoPasswordHash.hash(password, salt, 101)).isEqualTo(written);
    assertThat(MosquittoPasswordHash.matches(password, written)).isTrue();
    assertThat(MosquittoPasswordHash.matches(password + "x", written)).isFalse();
  }

  @Test
  void a_new_hash_has_mosquittos_format_and_a_fresh_salt() {
    SecureRandom random = new SecureRandom();
    String a = MosquittoPasswordHash.hash("secret", random);
    String b = MosquittoPasswordHash.hash("secret", random);
    // $7$ <iterations> $ 12-byte salt (16 base64 chars) $ 64-byte hash (88 base64 chars with padding)
    assertThat(a).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    assertThat(a).isNotEqualTo(b);
    assertThat(MosquittoPasswordHash.matches("secret", a)).isTrue();
    assertThat(MosquittoPasswordHash.matches("secret", b)).isTrue();
  }

  @Test
  void refuses_other_hash_formats() {
    assertThatThrownBy(() -> MosquittoPasswordHash.matches("x", "$6$salt$hash"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
