package io.forewarn.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.forewarn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule nothing_depends_on_the_wiring_package = noClasses()
      .that().resideOutsideOfPackage("..gateway.app..")
      .should().dependOnClassesThat().resideInAPackage("..gateway.app..");

  @ArchTest
  static final ArchRule feature_packages_have_no_cycles = slices()
      .matching("io.forewarn.gateway.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule only_ingest_talks_mqtt = noClasses()
      .that().resideOutsideOfPackages("..gateway.ingest..", "..gateway.app..")
      .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..");

  @ArchTest
  static final ArchRule the_payload_format_is_framework_free = noClasses()
      .that().resideInAPackage("io.forewarn.common..")
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.eclipse.paho..", "io.forewarn.gateway..");

  @ArchTest
  static final ArchRule jdbc_stays_in_store_and_maintenance = noClasses()
      .that().resideInAnyPackage("..gateway.ingest..", "..gateway.health..", "..gateway.metrics..")
      .should().dependOnClassesThat().resideInAPackage("java.sql..");
}
