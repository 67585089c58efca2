package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsCounterTest {
  private final SmsCounter counter = new SmsCounter();

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  void exactly_160_gsm_characters_fit_one_segment() {
    assertThat(counter.measure(repeat("a", 160))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 160, 1));
  }

  @Test
  void character_161_makes_two_segments_of_153() {
    assertThat(counter.measure(repeat("a", 161))).isEqualTo(new SmsLength(SmsEncoding.GSM7, 161, 2));
    assertThat(counter.measure(repeat("a", 306)).segments()).isEqualTo(2);
    assertThat(counter.measure(repeat("a", 307)).segments()).isEqualTo(3);
  }

  @Test
  void extension_characters_cost_two_septets() {
    // GIVEN 159 letters and one euro sign: 161 septets
    SmsLength length = counter.measure(repeat("a", 159) + "€");
    // THEN still GSM-7, but two segments
    assertThat(length).isEqualTo(new SmsLength(SmsEncoding.GSM7, 161, 2));
    assertThat(counter.measure("^{}\\[]~|€").units()).isEqualTo(18);
  }

  @Test
  void escape_sequence_is_never_split_across_segments() {
    // GIVEN 306 septets (exactly two full parts) where a '{' would straddle the first boundary
    String text = repeat("a", 152) + "{" + repeat("a", 152);
    // WHEN
    SmsLength length = counter.measure(text);
    // THEN the '{' moves to part two, which overflows into a third
    assertThat(length.units()).isEqualTo(306);
    assertThat(length.segments()).isEqualTo(3);
  }

  @Test
  void seventy_cyrillic_letters_fit_one_segment_and_71_need_two() {
    assertThat(counter.measure(repeat("я", 70))).isEqualTo(new SmsLength(SmsEncoding.UCS2, 70, 1));
    assertThat(counter.measure(repeat("я", 71))).isEqualTo(new SmsLength(SmsEncoding.UCS2, 71, 2));
    assertThat(counter.measure(repeat("я", 134)).segments()).isEqualTo(2);
    assertThat(counter.measure(repeat("я", 135)).segments()).isEqualTo(3);
  }

  @Test
  void one_non_gsm_character_switches_the_whole_message_to_ucs2() {
    // GIVEN plain English with one curly apostrophe
    SmsLength length = counter.measure("We’re on it");
    // THEN
    assertThat(length.encoding()).isEqualTo(SmsEncoding.UCS2);
    assertThat(length.units()).isEqualTo(11);
  }

  @Test
  void emoji_outside_the_bmp_count_as_two_units() {
    // GIVEN 69 letters and one emoji (a surrogate pair): 71 units
    SmsLength length = counter.measure(repeat("a", 69) + "😀");
    // THEN
    assertThat(length).isEqualTo(new SmsLength(SmsEncoding.UCS2, 71, 2));
    assertThat(counter.measure(repeat("a", 68) + "😀")).isEqualTo(new SmsLength(SmsEncoding.UCS2, 70, 1));
  }

  @Test
  void surrogate_pair_is_never_split_across_segments() {
    // GIVEN 66 units, then an emoji straddling the 67-unit part boundary, then 66 more
    String text = repeat("a", 66) + "😀" + repeat("a", 66);
    // WHEN
    SmsLength length = counter.measure(text);
    // THEN 134 units would fit 2 parts, but the pair moves whole into part two, which overflows
    assertThat(length.units()).isEqualTo(134);
    assertThat(length.segments()).isEqualTo(3);
  }

  @Test
  void gsm_letters_with_accents_stay_gsm_but_others_do_not() {
    assertThat(counter.measure("Café Müller, Niño, Ångström").encoding()).isEqualTo(SmsEncoding.GSM7);
    assertThat(counter.measure("Łódź").encoding()).isEqualTo(SmsEncoding.UCS2);
  }

  @Test
  void empty_text_has_no_segments() {
    assertThat(counter.measure("").segments()).isZero();
  }
}
