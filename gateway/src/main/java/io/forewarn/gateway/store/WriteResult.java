package io.forewarn.gateway.store;

/** How a batch write ended. Only {@link Stored} allows acknowledging the batch's messages. */
public sealed interface WriteResult {

  /** Committed: every message of the batch is either stored or recorded as rejected. */
  record Stored(long batchId, int messages, int rowsStored, int rowsDuplicate, int rejected) implements WriteResult {}

  /** Retriable: the database is unreachable, overloaded or the transaction lost a race. */
  record Unavailable(String detail, Throwable cause) implements WriteResult {}

  /** The set-up is wrong (authentication, permissions, missing schema): retrying will not help soon. */
  record Broken(String detail, Throwable cause) implements WriteResult {}
}
