package io.forewarn.gateway.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered and whose output is coalesced. Paho's
 * {@code TCPNetworkModule} hands the raw socket streams to its receiver, which reads every packet's
 * fixed header one byte at a time: three or more {@code recv} system calls per PUBLISH. With a
 * buffer, one call brings in hundreds of packets (measured in docs/benchmarks.md). Its sender
 * flushes every packet; {@link CoalescingOutputStream} lets a burst of acknowledgements leave
 * together. Paho only ever calls {@link #createSocket()} and then
 * {@code connect}; the other factory methods exist for completeness.
 */
public final class BufferedSocketFactory extends SocketFactory {
  static final int BUFFER_BYTES = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new BufferedSocket(), host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    BufferedSocket socket = new BufferedSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    return connected(socket, host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    BufferedSocket socket = new BufferedSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    BufferedSocket socket = new BufferedSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  private static Socket connected(Socket socket, String host, int port) throws IOException {
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  /** One buffered stream each way per socket, created on first use (after connect). */
  static final class BufferedSocket extends Socket {
    private InputStream buffered;
    private CoalescingOutputStream coalescing;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (buffered == null) {
        buffered = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
      }
      return buffered;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (coalescing == null) {
        coalescing = new CoalescingOutputStream(super.getOutputStream(), this);
      }
      return coalescing;
    }

    /** Lets what is buffered (the last acknowledgements, a DISCONNECT) leave before the socket closes. */
    @Override
    public void close() throws IOException {
      CoalescingOutputStream pending;
      synchronized (this) {
        pending = coalescing;
      }
      if (pending != null) {
        pending.flushNow();
      }
      super.close();
    }
  }
}
