package io.forewarn.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.forewarn.notifier");

  @Test
  void nothing_depends_on_app() {
    noClasses().that().resideOutsideOfPackage("..notifier.app..")
        .should().dependOnClassesThat().resideInAPackage("..notifier.app..").check(CLASSES);
  }

  @Test
  void planning_and_templates_are_free_of_io_frameworks() {
    noClasses().that().resideInAnyPackage("..notifier.outreach..", "..notifier.feedback..", "..notifier.template..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "jakarta.mail..", "org.eclipse.angus..")
        .check(CLASSES);
  }

  @Test
  void planning_does_not_know_about_templates_or_channels() {
    noClasses().that().resideInAPackage("..notifier.outreach..")
        .should().dependOnClassesThat().resideInAnyPackage("..notifier.template..", "..notifier.channel..",
            "..notifier.compose..")
        .check(CLASSES);
  }

  @Test
  void feature_packages_have_no_cycles() {
    slices().matching("io.forewarn.notifier.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
