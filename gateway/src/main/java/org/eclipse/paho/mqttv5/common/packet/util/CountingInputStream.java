/*******************************************************************************
 * Copyright (c) 2016 IBM Corp.
 *
 * All rights reserved. This program and the accompanying materials
 * are made available under the terms of the Eclipse Public License v2.0
 * and Eclipse Distribution License v1.0 which accompany this distribution.
 *
 * The Eclipse Public License is available at
 *    https://www.eclipse.org/legal/epl-2.0
 * and the Eclipse Distribution License is available at
 *   https://www.eclipse.org/org/documents/edl-v10.php
 *
 * Contributors:
 * 	  Dave Locke   - Original MQTTv3 implementation
 *    James Sutton - Initial MQTTv5 implementation
 *    Forewarn     - bulk read(byte[], int, int) (see below)
 */
package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Forewarn's copy of Paho 1.2.5's class of the same name, which shadows it on the gateway's
 * classpath. The only change is {@link #read(byte[], int, int)}: Paho's version inherits
 * {@code InputStream}'s byte-at-a-time loop, and every received PUBLISH is copied through it twice
 * (packet, then payload), each byte a synchronized {@code ByteArrayInputStream.read()}. That loop
 * was 46% of the gateway's CPU at 15 000 msg/s (JFR, docs/benchmarks.md). Behaviour is otherwise
 * identical; {@code PahoPatchTest} checks that this copy is the one loaded and that it counts the
 * same. Remove it when Paho ships the fix.
 */
public class CountingInputStream extends InputStream {
  private final InputStream inputStream;
  private int counter;

  /**
   * Constructs a new <code>CountingInputStream</code> wrapping the supplied input stream.
   *
   * @param inputStream The inputStream to count and provide
   */
  public CountingInputStream(InputStream inputStream) {
    this.inputStream = inputStream;
    this.counter = 0;
  }

  @Override
  public int read() throws IOException {
    int i = inputStream.read();
    if (i != -1) {
      counter++;
    }
    return i;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = inputStream.read(b, off, len);
    if (n > 0) {
      counter += n;
    }
    return n;
  }

  /**
   * Returns the number of bytes read since last reset.
   *
   * @return the counter
   */
  public int getCounter() {
    return counter;
  }

  /** Resets the counter to zero. */
  public void resetCounter() {
    counter = 0;
  }
}
