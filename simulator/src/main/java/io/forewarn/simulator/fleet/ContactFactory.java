package io.forewarn.simulator.fleet;

import java.util.List;
import java.util.Locale;

/**
 * Makes customer names and contact data that can never reach a real person: phone numbers come
 * only from ranges reserved for fiction (Ofcom's drama ranges, NANP 555-0100..0199), and e-mail
 * addresses only on example.com / example.org (RFC 2606). Russia reserves no fictional range, so
 * Russian-speaking customers get numbers from the same ranges.
 */
final class ContactFactory {
  /** Prefix and count of numbers in each reserved block; the suffix is zero-padded to fill the number. */
  private record PhoneBlock(String prefix, int size, int digits) {}

  private static final List<PhoneBlock> BLOCKS = List.of(
      new PhoneBlock("+447700900", 1000, 3),
      new PhoneBlock("+4420794600", 1000, 3),
      new PhoneBlock("+441134960", 1000, 3),
      new PhoneBlock("+441214960", 1000, 3),
      new PhoneBlock("+441314960", 1000, 3),
      new PhoneBlock("+441414960", 1000, 3),
      new PhoneBlock("+441514960", 1000, 3),
      new PhoneBlock("+441614960", 1000, 3),
      new PhoneBlock("+441632960", 1000, 3),
      new PhoneBlock("+12025550", 100, 3),
      new PhoneBlock("+13125550", 100, 3),
      new PhoneBlock("+14155550", 100, 3));

  private static final List<String> RU_FIRST = List.of("Ivan", "Olga", "Sergey", "Anna", "Dmitry", "Elena",
      "Alexey", "Natalia", "Mikhail", "Tatiana", "Pavel", "Irina");
  private static final List<String> RU_FIRST_CYR = List.of("Иван", "Ольга", "Сергей", "Анна", "Дмитрий", "Елена",
      "Алексей", "Наталья", "Михаил", "Татьяна", "Павел", "Ирина");
  private static final List<String> RU_LAST = List.of("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov",
      "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov");
  private static final List<String> RU_LAST_CYR = List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Волков",
      "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов");
  private static final List<String> EN_FIRST = List.of("James", "Emily", "Oliver", "Sophie", "Harry", "Grace",
      "Jack", "Chloe", "George", "Amelia", "Thomas", "Lucy");
  private static final List<String> EN_LAST = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
      "Evans", "Walker", "Wright", "Hughes");
  private static final int TOTAL_NUMBERS = BLOCKS.stream().mapToInt(PhoneBlock::size).sum();

  private ContactFactory() {}

  static Customer customer(long seed, int index, Region region) {
    Rng rng = new Rng(Rng.mix(seed, Rng.key("customer-contact"), index));
    // A fifth of customers in each region speak the region's other language.
    String language = rng.chance(0.8) ? region.language() : (region.language().equals("ru") ? "en" : "ru");
    int first = rng.nextInt(12);
    int last = rng.nextInt(10);
    String name;
    String latinFirst;
    String latinLast;
    if (language.equals("ru")) {
      boolean female = first % 2 == 1;
      name = RU_FIRST_CYR.get(first) + " " + RU_LAST_CYR.get(last) + (female ? "а" : "");
      latinFirst = RU_FIRST.get(first);
      latinLast = RU_LAST.get(last) + (female ? "a" : "");
    } else {
      latinFirst = EN_FIRST.get(first);
      latinLast = EN_LAST.get(last);
      name = latinFirst + " " + latinLast;
    }
    String domain = index % 2 == 0 ? "example.com" : "example.org";
    String email = (latinFirst + "." + latinLast + "." + index).toLowerCase(Locale.ROOT) + "@" + domain;
    String externalId = "s" + seed + "-cust-" + String.format(Locale.ROOT, "%06d", index);
    return new Customer(index, externalId, name, phone(Rng.mix(seed, index)), email, language,
        region.zone().getId(), region.name());
  }

  /** A number from the reserved blocks; the same customer always gets the same one. */
  static String phone(long key) {
    int n = (int) Math.floorMod(key, (long) TOTAL_NUMBERS);
    for (PhoneBlock block : BLOCKS) {
      if (n < block.size()) {
        return block.prefix() + String.format(Locale.ROOT, "%0" + block.digits() + "d", n);
      }
      n -= block.size();
    }
    throw new IllegalStateException("unreachable");
  }
}
