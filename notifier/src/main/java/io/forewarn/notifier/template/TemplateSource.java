package io.forewarn.notifier.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where template files come from: an operator's directory first (any file there replaces the
 * shipped one of the same relative path), then the defaults shipped in the jar under
 * {@code templates/}. Operators can so override one message without copying the rest.
 */
public final class TemplateSource {
  static final String CLASSPATH_ROOT = "templates/";

  private final Path overrideDir;
  private final ClassLoader loader;

  /** @param overrideDir the operators' directory, or {@code null} to use only the shipped files */
  public TemplateSource(Path overrideDir, ClassLoader loader) {
    this.overrideDir = overrideDir;
    this.loader = loader;
  }

  public static TemplateSource shipped() {
    return new TemplateSource(null, TemplateSource.class.getClassLoader());
  }

  record Loaded(String text, String origin) {}

  Optional<Loaded> read(String relativePath) {
    if (overrideDir != null) {
      Path file = overrideDir.resolve(relativePath).normalize();
      if (file.startsWith(overrideDir.normalize()) && Files.isRegularFile(file)) {
        try {
          return Optional.of(new Loaded(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read template " + file, e);
        }
      }
    }
    try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + relativePath)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new Loaded(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "classpath:" + CLASSPATH_ROOT + relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shipped template " + relativePath, e);
    }
  }
}
