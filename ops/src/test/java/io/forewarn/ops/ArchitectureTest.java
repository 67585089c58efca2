package io.forewarn.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.forewarn.ops");

  @Test
  void nothingDependsOnTheWiringPackage() {
    noClasses().that().resideOutsideOfPackage("..ops.app..").should().dependOnClassesThat()
        .resideInAPackage("..ops.app..").check(CLASSES);
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.forewarn.ops.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheRuleFilePackageUsesTheRulesModule() {
    noClasses().that().resideOutsideOfPackage("..ops.rulefile..").should().dependOnClassesThat()
        .resideInAPackage("io.forewarn.rules..").check(CLASSES);
  }

  @Test
  void theHttpLayerRunsNoJdbc() {
    // It may read SQLException to classify a failure; it never talks to the database itself.
    noClasses().that().resideInAPackage("..ops.http..").should().dependOnClassesThat()
        .haveFullyQualifiedName("java.sql.Connection").orShould().dependOnClassesThat()
        .haveFullyQualifiedName("java.sql.PreparedStatement").orShould().dependOnClassesThat()
        .haveFullyQualifiedName("javax.sql.DataSource").check(CLASSES);
  }
}
