package cn.servicecircle.reach;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The reach core and the access model stay plain Java + JTS; GraphHopper stays in its adapter packages. */
@AnalyzeClasses(packages = "cn.servicecircle", importOptions = ImportOption.DoNotIncludeTests.class)
class ReachArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnlyOnJavaJtsAndItself = classes()
            .that().resideInAPackage("cn.servicecircle.reach.core..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.locationtech.jts..", "cn.servicecircle.reach.core..");

    /** The access model (the life-circle rule, coverage) is the same kind of core, on top of the reach engine. */
    @ArchTest
    static final ArchRule accessModelDependsOnlyOnJavaJtsAndTheEngine = classes()
            .that().resideInAPackage("cn.servicecircle.access..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.locationtech.jts..", "cn.servicecircle.reach.core..",
                    "cn.servicecircle.access..");

    @ArchTest
    static final ArchRule graphHopperOnlyInAdapters = noClasses()
            .that().resideOutsideOfPackages("cn.servicecircle.reach.graphhopper..", "cn.servicecircle.site.osm..")
            .should().dependOnClassesThat().resideInAPackage("com.graphhopper..");
}
