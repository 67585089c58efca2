package io.forewarn.simulator.fleet;

import java.time.ZoneId;
import java.util.List;

/**
 * A service region: its time zone (daily patterns follow local time), the language most customers
 * speak there, its climate (heating demand follows the outdoor temperature) and its sites.
 *
 * @param meanTempC annual mean outdoor temperature
 * @param seasonalAmplitudeC half the difference between the July and January means
 * @param dailyAmplitudeC half the usual day/night difference
 * @param share relative number of customers living there
 */
public record Region(String name, ZoneId zone, String language, double meanTempC, double seasonalAmplitudeC,
    double dailyAmplitudeC, double share, List<String> sites) {
  public Region {
    if (name == null || name.isBlank() || zone == null || sites == null || sites.isEmpty()) {
      throw new IllegalArgumentException("region needs a name, a zone and sites");
    }
    if (!language.equals("ru") && !language.equals("en")) {
      throw new IllegalArgumentException("language must be ru or en: " + language);
    }
    if (share <= 0 || seasonalAmplitudeC < 0 || dailyAmplitudeC < 0) {
      throw new IllegalArgumentException("share must be > 0 and amplitudes >= 0");
    }
    sites = List.copyOf(sites);
  }

  /** The regions every simulated fleet is spread over. */
  public static List<Region> catalogue() {
    return List.of(
        new Region("ru-msk", ZoneId.of("Europe/Moscow"), "ru", 6.0, 13.0, 4.5, 0.30,
            List.of("msk-north", "msk-south", "msk-west", "msk-east")),
        new Region("ru-spb", ZoneId.of("Europe/Moscow"), "ru", 5.5, 12.0, 3.5, 0.15,
            List.of("spb-center", "spb-vyborg", "spb-kolpino")),
        new Region("ru-ekb", ZoneId.of("Asia/Yekaterinburg"), "ru", 3.0, 16.0, 5.0, 0.10,
            List.of("ekb-center", "ekb-uralmash")),
        new Region("ru-nsk", ZoneId.of("Asia/Novosibirsk"), "ru", 1.5, 19.0, 5.5, 0.08,
            List.of("nsk-left", "nsk-right")),
        new Region("uk-lon", ZoneId.of("Europe/London"), "en", 11.5, 7.0, 4.0, 0.20,
            List.of("lon-camden", "lon-croydon", "lon-ealing")),
        new Region("uk-man", ZoneId.of("Europe/London"), "en", 10.0, 6.5, 3.5, 0.09,
            List.of("man-salford", "man-stockport")),
        new Region("de-ber", ZoneId.of("Europe/Berlin"), "en", 10.0, 9.5, 4.5, 0.08,
            List.of("ber-mitte", "ber-spandau")));
  }
}
