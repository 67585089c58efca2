package io.forewarn.rules.detection.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.detection.AlertEvent;
import io.forewarn.rules.detection.AlertPhase;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Simulated time: one sample per minute; the device's baseline is N(20, 1). */
class BaselineDriftDetectorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;
  private final DriftRule rule = DriftRule.standard(0.01);
  private final Random noise = new Random(42);
  private long minute;

  private DriftResult feed(BaselineDriftDetector d, double mean) {
    return d.update(T0 + minute++ * MINUTE, mean + noise.nextGaussian());
  }

  @Test
  void does_not_fire_on_a_stable_device() {
    // GIVEN 5000 minutes of the baseline WHEN fed THEN never fires
    BaselineDriftDetector d = new BaselineDriftDetector(rule);
    for (int i = 0; i < 5000; i++) {
      assertThat(feed(d, 20).step().event()).isNotEqualTo(AlertEvent.FIRED);
    }
  }

  @Test
  void fires_on_a_sustained_shift_and_clears_after_return() {
    // GIVEN a learnt baseline
    BaselineDriftDetector d = new BaselineDriftDetector(rule);
    for (int i = 0; i < 500; i++) {
      feed(d, 20);
    }
    // WHEN the device runs 1.5 sigma hotter THEN it fires within 40 samples
    int firedAfter = -1;
    for (int i = 0; i < 100 && firedAfter < 0; i++) {
      if (feed(d, 21.5).step().event() == AlertEvent.FIRED) {
        firedAfter = i;
      }
    }
    assertThat(firedAfter).isBetween(5, 40);
    // AND the baseline did not absorb the drift while firing
    for (int i = 0; i < 200; i++) {
      assertThat(feed(d, 21.5).step().phase()).isEqualTo(AlertPhase.FIRING);
    }
    // WHEN it returns to normal THEN it clears, once
    int cleared = 0;
    for (int i = 0; i < 500; i++) {
      if (feed(d, 20).step().event() == AlertEvent.CLEARED) {
        cleared++;
      }
    }
    assertThat(cleared).isEqualTo(1);
  }

  @Test
  void detects_a_downward_drift_too() {
    BaselineDriftDetector d = new BaselineDriftDetector(rule);
    for (int i = 0; i < 300; i++) {
      feed(d, 20);
    }
    DriftResult last = null;
    for (int i = 0; i < 60; i++) {
      last = feed(d, 18);
    }
    assertThat(last.step().phase()).isEqualTo(AlertPhase.FIRING);
    assertThat(last.downward()).isGreaterThan(last.upward());
  }

  @Test
  void restored_snapshot_continues_exactly_like_the_original() {
    BaselineDriftDetector d = new BaselineDriftDetector(rule);
    for (int i = 0; i < 300; i++) {
      feed(d, 20);
    }
    BaselineDriftDetector restored = BaselineDriftDetector.restore(rule, d.snapshot());
    for (int i = 0; i < 100; i++) {
      double v = 21 + Math.sin(i);
      assertThat(restored.update(T0 + (1000 + i) * MINUTE, v)).isEqualTo(d.update(T0 + (1000 + i) * MINUTE, v));
    }
  }
}
