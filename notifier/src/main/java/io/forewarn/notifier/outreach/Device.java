package io.forewarn.notifier.outreach;

/** The customer's device as we name it in messages: its external id (serial) and model name. */
public record Device(String externalId, String model) {
  public Device {
    Customer.requireText(externalId, "device external id");
    Customer.requireText(model, "device model");
  }
}
