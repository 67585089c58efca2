package io.forewarn.notifier.template;

import java.util.Objects;

/** Rendering either yields a complete message or says why there is none; never half a message. */
public sealed interface RenderResult {
  record Rendered(RenderedMessage message) implements RenderResult {
    public Rendered {
      Objects.requireNonNull(message, "message");
    }
  }

  record Failed(TemplateKey key, String reason) implements RenderResult {
    public Failed {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
