package io.forewarn.gateway.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawRowReaderTest {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final int INT2_OID = 21;
  private static final int FLOAT8_OID = 701;

  /** A binary COPY stream as PostgreSQL writes it for (ts, device_id, metric_ids, vals). */
  private static final class Stream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Stream() throws IOException {
      out.write(SIGNATURE);
      out.writeInt(0);
      out.writeInt(0);
    }

    Stream row(long pgMicros, int device, short[] ids, double[] vals) throws IOException {
      out.writeShort(4);
      out.writeInt(8);
      out.writeLong(pgMicros);
      out.writeInt(4);
      out.writeInt(device);
      out.writeInt(20 + ids.length * 6);
      arrayHeader(INT2_OID, ids.length);
      for (short id : ids) {
        out.writeInt(2);
        out.writeShort(id);
      }
      out.writeInt(20 + vals.length * 12);
      arrayHeader(FLOAT8_OID, vals.length);
      for (double v : vals) {
        out.writeInt(8);
        out.writeDouble(v);
      }
      return this;
    }

    private void arrayHeader(int oid, int n) throws IOException {
      out.writeInt(1);
      out.writeInt(0);
      out.writeInt(oid);
      out.writeInt(n);
      out.writeInt(1);
    }

    ByteArrayInputStream end() throws IOException {
      out.writeShort(-1);
      return new ByteArrayInputStream(bytes.toByteArray());
    }
  }

  @Test
  void reads_every_row_into_the_delta() throws Exception {
    // GIVEN two rows of one device in one minute and one of another device
    var in = new Stream().row(0, 1, new short[] {1, 2}, new double[] {1, 2})
        .row(1_000_000, 1, new short[] {1, 2}, new double[] {3, 4}).row(0, 2, new short[] {1}, new double[] {5}).end();
    MinuteDelta delta = new MinuteDelta();
    // WHEN read
    long rows = new RawRowReader().readInto(in, delta);
    // THEN three rows became three groups, the first two counted twice
    assertThat(rows).isEqualTo(3);
    assertThat(delta.size()).isEqualTo(3);
    assertThat(new String(delta.toCopyText(), StandardCharsets.US_ASCII))
        .contains("2000-01-01T00:00:00Z\t1\t1\t1.0\t3.0\t4.0\t2").contains("\t2\t1\t5.0\t5.0\t5.0\t1");
  }

  @Test
  void rejects_a_stream_that_is_not_binary_copy() {
    // GIVEN text instead of the binary header  THEN a specific error
    var in = new ByteArrayInputStream("1\t2\t{1}\t{2}\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> new RawRowReader().readInto(in, new MinuteDelta())).isInstanceOf(IOException.class)
        .hasMessage("not a binary COPY stream");
  }

  @Test
  void rejects_rows_of_another_shape() throws Exception {
    // GIVEN a row with five columns  THEN the reader says what it expected
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(SIGNATURE);
    out.writeInt(0);
    out.writeInt(0);
    out.writeShort(5);
    var in = new ByteArrayInputStream(bytes.toByteArray());
    assertThatThrownBy(() -> new RawRowReader().readInto(in, new MinuteDelta())).isInstanceOf(IOException.class)
        .hasMessage("expected 4 columns, got 5");
  }

  @Test
  void rejects_a_row_whose_ids_and_values_differ_in_length() throws Exception {
    // GIVEN two metric ids and one value  THEN an error naming the device
    var in = new Stream().row(0, 9, new short[] {1, 2}, new double[] {1}).end();
    assertThatThrownBy(() -> new RawRowReader().readInto(in, new MinuteDelta())).isInstanceOf(IOException.class)
        .hasMessage("row of device 9 has 2 metric ids and 1 values");
  }

  @Test
  void a_truncated_stream_is_an_error_not_a_short_read() throws Exception {
    // GIVEN a stream cut in the middle of a row  THEN it fails instead of returning what it had
    byte[] whole = new Stream().row(0, 1, new short[] {1}, new double[] {1}).end().readAllBytes();
    var in = new ByteArrayInputStream(java.util.Arrays.copyOf(whole, whole.length - 12));
    assertThatThrownBy(() -> new RawRowReader().readInto(in, new MinuteDelta())).isInstanceOf(IOException.class);
  }
}
