package io.forewarn.notifier.outreach;

/**
 * What a service disruption (or a planned maintenance) covers, as the customer should hear it: an
 * area, where "the service in your area" is affected, or one firmware of one product model, where
 * the customer's own product is.
 */
public sealed interface AffectedScope {

  /**
   * The scope the rules stage wrote ({@code incidents.scope_type}, {@code scope_value}): {@code firmware}
   * is {@code model@version}; {@code region} and {@code site} (and any other type) are an area.
   *
   * @throws IllegalArgumentException for a firmware value that is not {@code model@version}
   */
  static AffectedScope of(String scopeType, String scopeValue) {
    return "firmware".equals(scopeType) ? Firmware.parse(scopeValue) : new Area(scopeValue);
  }

  /** A region or site, by the name the rules stage gives it. */
  record Area(String name) implements AffectedScope {
    public Area {
      Customer.requireText(name, "area name");
    }
  }

  /** Every device of {@code model} (as in {@code devices.model}) running firmware {@code version}. */
  record Firmware(String model, String version) implements AffectedScope {
    public Firmware {
      Customer.requireText(model, "firmware model");
      Customer.requireText(version, "firmware version");
    }

    /** {@code boiler-gb24@1.9.2} → model {@code boiler-gb24}, version {@code 1.9.2}. */
    public static Firmware parse(String scopeValue) {
      int at = scopeValue == null ? -1 : scopeValue.indexOf('@');
      if (at <= 0 || at == scopeValue.length() - 1) {
        throw new IllegalArgumentException("a firmware scope must be model@version, was '" + scopeValue + "'");
      }
      return new Firmware(scopeValue.substring(0, at), scopeValue.substring(at + 1));
    }

    /** The scope value as operators know it: {@code model@version}. */
    public String scopeValue() {
      return model + "@" + version;
    }
  }
}
