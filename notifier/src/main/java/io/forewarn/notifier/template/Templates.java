package io.forewarn.notifier.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up entry point: load, check and return a renderer, or fail once with every problem. */
public final class Templates {
  private static final Logger LOG = LoggerFactory.getLogger(Templates.class);

  private Templates() {}

  public static MessageRenderer loadChecked(TemplateConfig config, Collection<String> gestureKeys, Clock clock)
      throws TemplateCheckException {
    TemplateSource source = new TemplateSource(config.overrideDir(), Templates.class.getClassLoader());
    TemplateCatalog catalog = TemplateCatalog.load(source, config.languages(), config.defaultLanguage(), gestureKeys);
    MessageRenderer renderer = new MessageRenderer(catalog, clock, config.brand(), config.maxSmsSegments(),
        config::incidentLink);
    TemplateCheck.Report report = TemplateCheck.run(renderer, gestureKeys, clock.instant());
    report.warnings().forEach(w -> LOG.warn("template check: {}", w));
    if (!report.errors().isEmpty()) {
      throw new TemplateCheckException(new ArrayList<>(report.errors()));
    }
    LOG.info("templates loaded: {} languages, override dir {}", config.languages(),
        config.overrideDir() == null ? "(none)" : config.overrideDir());
    return renderer;
  }
}
