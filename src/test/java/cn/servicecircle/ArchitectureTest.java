package cn.servicecircle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules: the coordinate core stays framework-free; SQL stays in repositories; handlers stay thin. */
@AnalyzeClasses(packages = "cn.servicecircle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coordCoreIsPlainJava = noClasses().that().resideInAPackage("..coord..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..",
                    "reactor..", "com.graphhopper..", "tools.jackson..", "com.fasterxml..");

    @ArchTest
    static final ArchRule onlyRepositoriesTalkToTheDatabase = noClasses().that().haveSimpleNameNotEndingWith("Repository")
            .and().resideOutsideOfPackage("..config..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.r2dbc.core.DatabaseClient");

    @ArchTest
    static final ArchRule controllersDoNotUseRepositoriesOfOtherFeatures = noClasses()
            .that().haveSimpleNameEndingWith("Controller").and().resideInAPackage("..site..")
            .should().dependOnClassesThat().resideInAPackage("..area..");

    @ArchTest
    static final ArchRule noLayerPackages = noClasses().should().resideInAnyPackage("..controller..", "..service..",
            "..dto..");
}
