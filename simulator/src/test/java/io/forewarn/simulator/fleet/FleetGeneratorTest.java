package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {
  private final FleetGenerator generator = new FleetGenerator(Region.catalogue());

  @Test
  void same_seed_gives_the_same_fleet() {
    // GIVEN two generations with one seed
    Fleet a = generator.generate(new FleetSpec(42, 500, null));
    Fleet b = generator.generate(new FleetSpec(42, 500, null));
    // THEN customers and devices are equal, field by field
    assertThat(a.customers()).isEqualTo(b.customers());
    assertThat(a.devices()).isEqualTo(b.devices());
  }

  @Test
  void different_seeds_give_different_ids_and_traits() {
    Fleet a = generator.generate(new FleetSpec(1, 50, null));
    Fleet b = generator.generate(new FleetSpec(2, 50, null));
    assertThat(a.device(0).externalId()).isNotEqualTo(b.device(0).externalId());
    assertThat(a.devices()).extracting(Device::traitSeed).doesNotContainAnyElementsOf(
        b.devices().stream().map(Device::traitSeed).toList());
  }

  @Test
  void a_smaller_fleet_is_a_prefix_of_a_larger_one() {
    Fleet small = generator.generate(new FleetSpec(7, 100, null));
    Fleet large = generator.generate(new FleetSpec(7, 1000, null));
    assertThat(large.devices().subList(0, 100)).isEqualTo(small.devices());
  }

  @Test
  void fleet_spans_every_model_several_regions_and_shared_customers() {
    Fleet fleet = generator.generate(new FleetSpec(3, 2000, null));
    assertThat(fleet.devices()).extracting(Device::model).contains(ProductModel.values());
    assertThat(fleet.devices().stream().map(d -> d.region().name()).distinct().count()).isGreaterThanOrEqualTo(5);
    assertThat(fleet.customers().size()).isLessThan(fleet.size());
    Set<String> ids = new HashSet<>();
    fleet.devices().forEach(d -> ids.add(d.externalId()));
    assertThat(ids).hasSize(fleet.size());
  }

  @Test
  void contact_data_is_fictional_and_languages_are_ru_or_en() {
    Fleet fleet = generator.generate(new FleetSpec(5, 3000, null));
    for (Customer c : fleet.customers()) {
      assertThat(c.phone()).matches("\\+(447700900|4420794600|44\\d{3}4960|441632960|1\\d{3}5550)\\d{3}");
      assertThat(c.email()).matches("[a-z.0-9]+@example\\.(com|org)");
      assertThat(c.language()).isIn("ru", "en");
      assertThat(java.time.ZoneId.of(c.timeZone())).isNotNull();
    }
    assertThat(fleet.customers()).extracting(Customer::language).contains("ru", "en");
  }
}
