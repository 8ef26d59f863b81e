package io.livepulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.stereotype.Controller;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the feature modules apart: no cycles, only API types shared, internals package-private. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(LivePulseApplication.class);
	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.livepulse");

	@Test
	void modulesOnlyUseEachOthersApiAndHaveNoCycles() {
		modules.verify();
	}

	@Test
	void repositoriesAreModuleInternals() {
		classes().that().areAnnotatedWith(Repository.class).should().notHaveModifier(JavaModifier.PUBLIC)
			.check(classes);
	}

	@Test
	void controllersAreModuleInternals() {
		classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
			.should().notHaveModifier(JavaModifier.PUBLIC)
			.check(classes);
	}

	@Test
	void onlyTheStreamModuleTouchesTheStreamTables() {
		noClasses().that().resideOutsideOfPackage("io.livepulse.stream..")
			.should().accessClassesThat().haveSimpleName("JdbcStreamRepository")
			.check(classes);
	}
}
