package io.forewarn.simulator.fleet;

/** A simulated customer, as registered in {@code customers}. Contact data is fictional by construction. */
public record Customer(int index, String externalId, String name, String phone, String email, String language,
    String timeZone, String region) {
  public Customer {
    if (!phone.startsWith("+")) {
      throw new IllegalArgumentException("phone must be E.164: " + phone);
    }
    if (!email.endsWith("@example.com") && !email.endsWith("@example.org")) {
      throw new IllegalArgumentException("email must be on a reserved example domain: " + email);
    }
  }
}
