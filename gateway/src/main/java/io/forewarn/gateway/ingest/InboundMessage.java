package io.forewarn.gateway.ingest;

import java.time.Instant;

/**
 * An MQTT message as received, with what is needed to acknowledge it later: its packet id, QoS and
 * the connection ({@code sessionEpoch}) it arrived on. An acknowledgement is only valid on that
 * connection: after a reconnect the broker redelivers, and the old packet id may name another message.
 */
public record InboundMessage(
    String topic, byte[] payload, int messageId, int qos, boolean duplicate, Instant receivedAt, long sessionEpoch) {}
