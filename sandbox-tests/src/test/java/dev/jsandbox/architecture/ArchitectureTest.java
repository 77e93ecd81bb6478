package dev.jsandbox.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.jsandbox.api.SandboxException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture rules of DEVELOPERS.md, checked on the production classes of every module. */
class ArchitectureTest {

    private static final String DOCKER_JAVA = "com.github.dockerjava..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jsandbox");
    }

    @Test
    void theApiDependsOnTheJdkAndJspecifyOnly() {
        classes().that().resideInAnyPackage("dev.jsandbox.api..", "dev.jsandbox.spi..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", "dev.jsandbox.api..", "dev.jsandbox.spi..")
                .check(classes);
    }

    @Test
    void languageModulesAndPluginsDependOnTheApiOnly() {
        classes().that().resideInAnyPackage("dev.jsandbox.languages..", "dev.jsandbox.examples.plugin..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", "dev.jsandbox.api..", "dev.jsandbox.spi..",
                        "dev.jsandbox.languages..", "dev.jsandbox.examples.plugin..")
                .check(classes);
    }

    @Test
    void theApiKnowsNoImplementation() {
        noClasses().that().resideInAnyPackage("dev.jsandbox.api..", "dev.jsandbox.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jsandbox.docker..", "dev.jsandbox.http..")
                .check(classes);
    }

    /** The HTTP adapter serves any CodeSandbox; only the standalone server knows which one. */
    @Test
    void theHttpAdapterKnowsNoSandboxImplementation() {
        noClasses().that().resideInAnyPackage("dev.jsandbox.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jsandbox.docker..", "dev.jsandbox.server..")
                .check(classes);
    }

    /** The Micrometer binding hears the API's events; it works with any sandbox, not only the Docker one. */
    @Test
    void theMetricsBindingKnowsOnlyTheApiAndMicrometer() {
        classes().that().resideInAnyPackage("dev.jsandbox.micrometer..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", "dev.jsandbox.api..", "dev.jsandbox.micrometer..",
                        "io.micrometer..")
                .check(classes);
    }

    @Test
    void noDockerJavaTypeInAnyPublicSignatureOutsideInternalPackages() {
        classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(exposeNoTypeFrom(DOCKER_JAVA))
                .check(classes);
    }

    @Test
    void noInternalTypeInAnyPublicSignatureOutsideInternalPackages() {
        classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(exposeNoTypeFrom("..internal.."))
                .check(classes);
    }

    @Test
    void noInternalClassIsAnExceptionOfTheApi() {
        // A caller catches SandboxException and reads its type to decide what to do; an internal subclass would
        // reach it as a type it cannot name or rely on. Internal faults are translated into the API's exceptions.
        noClasses().that().resideInAPackage("..internal..")
                .should().beAssignableTo(SandboxException.class)
                .because("internal faults must be translated into the API's exceptions before they reach a caller")
                .check(classes);
    }

    @Test
    void thereAreNoPackageCycles() {
        slices().matching("dev.jsandbox.(**)").should().beFreeOfCycles().check(classes);
    }

    /** Public and protected members, supertypes and their generic arguments must not use the package. */
    private static ArchCondition<JavaClass> exposeNoTypeFrom(String packagePattern) {
        DescribedPredicate<JavaClass> forbidden = com.tngtech.archunit.core.domain.JavaClass.Predicates
                .resideInAPackage(packagePattern);
        return new ArchCondition<>("expose no type from " + packagePattern) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<JavaClass> exposed = new HashSet<>();
                type.getRawSuperclass().ifPresent(exposed::add);
                exposed.addAll(type.getRawInterfaces());
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (visible(unit.getModifiers())) {
                        exposed.addAll(unit.getRawParameterTypes());
                        exposed.add(unit.getRawReturnType());
                        exposed.addAll(unit.getThrowsClause().getTypes());
                        exposed.addAll(unit.getParameterTypes().stream()
                                .flatMap(t -> t.getAllInvolvedRawTypes().stream()).toList());
                        exposed.addAll(unit.getReturnType().getAllInvolvedRawTypes());
                    }
                }
                for (JavaField field : type.getFields()) {
                    if (visible(field.getModifiers())) {
                        exposed.addAll(field.getType().getAllInvolvedRawTypes());
                    }
                }
                exposed.stream().filter(forbidden).forEach(leak -> events.add(SimpleConditionEvent.violated(type,
                        type.getName() + " exposes " + leak.getName() + " in its public API")));
            }
        };
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
