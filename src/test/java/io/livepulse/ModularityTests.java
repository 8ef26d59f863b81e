package io.livepulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
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

	// read once for the class: JUnit makes an instance per test, and reading the modules takes seconds
	private static final ApplicationModules modules = ApplicationModules.of(LivePulseApplication.class);
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.livepulse");

	@Test
	void modulesOnlyUseEachOthersApiAndHaveNoCycles() {
		modules.verify();
	}

	/** verify() holds each module to the dependencies it declares; this makes sure every module declares them. */
	@Test
	void everyModuleDeclaresTheModulesItMayUse() {
		modules.forEach(module -> assertThat(module.getBasePackage().toSingle().getAnnotation(ApplicationModule.class))
			.as(module.getIdentifier() + " has a package-info.java with @ApplicationModule(allowedDependencies = ...)")
			.isPresent());
	}

	/** Inside a module nothing is null unless it says {@code @Nullable}. */
	@Test
	void everyModuleIsNullMarked() {
		modules.forEach(module -> assertThat(module.getBasePackage().toSingle().getAnnotation(NullMarked.class))
			.as(module.getIdentifier() + " has @NullMarked on its package-info.java")
			.isPresent());
	}

	/** A module's public face is what other modules use: a public type no other module uses should be package-private. */
	@Test
	void everyPublicTypeIsUsedByAnotherModule() {
		List<String> unused = publicTypesNoOtherModuleUses(classes);
		assertThat(unused).as("public types that no other module uses").isEmpty();
	}

	/**
	 * Public for a reason the check cannot see: a framework makes them from their names (Tomcat's protocol,
	 * logback's converters), or other modules reach it only as a lambda's type ({@code Supplier<Visitor>}).
	 */
	private static final java.util.Set<String> PUBLIC_FOR_ANOTHER_REASON = java.util.Set.of(
			"io.livepulse.edge.PerAddressHttp11NioProtocol", "io.livepulse.shared.logging.RedactingMessageConverter",
			"io.livepulse.shared.logging.RedactingThrowableConverter", "io.livepulse.presence.Visitor");

	@Test
	void aPlantedPublicTypeThatNoOtherModuleUsesIsFound() {
		JavaClasses planted = new ClassFileImporter().importClasses(planted.modules.alpha.Lonely.class,
				planted.modules.alpha.Offered.class, planted.modules.beta.User.class);
		assertThat(publicTypesNoOtherModuleUses(planted)).containsExactly("planted.modules.alpha.Lonely",
				"planted.modules.beta.User");
	}

	static List<String> publicTypesNoOtherModuleUses(JavaClasses classes) {
		return classes.stream()
			.filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC) && type.isTopLevelClass())
			.filter(type -> !PUBLIC_FOR_ANOTHER_REASON.contains(type.getName()))
			.filter(type -> moduleOf(type.getPackageName()) != null)
			.filter(type -> type.getDirectDependenciesToSelf().stream()
				.map(dependency -> moduleOf(dependency.getOriginClass().getPackageName()))
				.noneMatch(user -> user != null && !user.equals(moduleOf(type.getPackageName()))))
			.map(type -> type.getName())
			.sorted()
			.toList();
	}

	/** The module a package belongs to (its third name: {@code io.livepulse.<module>...}), or null for the root package. */
	private static String moduleOf(String packageName) {
		String[] parts = packageName.split("\\.");
		return parts.length > 2 ? parts[2] : null;
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

	/** Tables libraries keep for themselves (Spring Modulith's event log, ShedLock's locks): no module owns them. */
	private static final java.util.Set<String> FRAMEWORK_TABLES = java.util.Set.of("event_publication", "shedlock");

	/**
	 * Each table the migrations create belongs to exactly one module: the one whose code names it in SQL.
	 * A table named by two modules' code, or by none, fails (but those a library keeps for itself).
	 */
	@Test
	void everyTableTheMigrationsCreateBelongsToExactlyOneModule() throws IOException {
		java.util.SortedMap<String, java.util.SortedSet<String>> usersByTable = new java.util.TreeMap<>();
		Pattern createTable = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
		try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
			for (Path migration : migrations.filter(path -> path.toString().endsWith(".sql")).toList()) {
				var tables = createTable.matcher(Files.readString(migration));
				while (tables.find()) {
					usersByTable.put(tables.group(1).toLowerCase(java.util.Locale.ROOT), new java.util.TreeSet<>());
				}
			}
		}
		Path sources = Path.of("src/main/java/io/livepulse");
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				String module = sources.relativize(file).getName(0).toString();
				String source = Files.readString(file).replaceAll("(?m)^import .*$", "");
				usersByTable.forEach((table, users) -> {
					if (Pattern.compile("\\b" + table + "\\b").matcher(source).find()) {
						users.add(module);
					}
				});
			}
		}
		assertThat(usersByTable).as("tables the migrations create").hasSizeGreaterThan(25);
		List<String> violations = new ArrayList<>();
		usersByTable.forEach((table, users) -> {
			if (!FRAMEWORK_TABLES.contains(table) && users.size() != 1) {
				violations.add(table + " is named by " + (users.isEmpty() ? "no module" : users));
			}
		});
		assertThat(violations).isEmpty();
	}
}
