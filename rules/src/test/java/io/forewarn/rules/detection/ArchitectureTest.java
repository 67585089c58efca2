package io.forewarn.rules.detection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Detection is pure computation: the service persists and transports, detection only decides. */
class ArchitectureTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.forewarn.rules");

  @Test
  void detection_does_not_depend_on_vertx_paho_or_jdbc() {
    noClasses().that().resideInAPackage("io.forewarn.rules.detection..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.eclipse.paho..", "java.sql..")
        .check(classes);
  }

  @Test
  void detection_does_not_depend_on_the_benchmark() {
    noClasses().that().resideInAPackage("io.forewarn.rules.detection..")
        .should().dependOnClassesThat().resideInAPackage("io.forewarn.rules.nab..")
        .check(classes);
  }

  @Test
  void detection_never_reads_the_wall_clock() {
    noClasses().that().resideInAPackage("io.forewarn.rules.detection..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .check(classes);
  }

  @Test
  void engine_and_rule_files_do_not_depend_on_the_service_or_the_database() {
    noClasses().that().resideInAnyPackage("io.forewarn.rules.engine..", "io.forewarn.rules.ruleset..")
        .should().dependOnClassesThat().resideInAnyPackage("io.forewarn.rules.app..", "io.forewarn.rules.store..",
            "java.sql..", "io.micrometer..")
        .check(classes);
  }

  @Test
  void nothing_depends_on_app() {
    noClasses().that().resideOutsideOfPackage("io.forewarn.rules.app..")
        .should().dependOnClassesThat().resideInAPackage("io.forewarn.rules.app..")
        .check(classes);
  }
}
