package io.forewarn.simulator.mqtt;

/** A user name and password to log in to a broker with; {@link #toString()} masks the password. */
public record MqttLogin(String username, String password) {
  public MqttLogin {
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      throw new IllegalArgumentException("a broker login needs a user name and a password");
    }
    if (username.length() > 1_000 || password.length() > 1_000) {
      throw new IllegalArgumentException("user name and password must be at most 1000 characters");
    }
  }

  @Override
  public String toString() {
    return "MqttLogin[" + username + ", ****]";
  }
}
