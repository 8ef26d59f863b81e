package io.livepulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

	/** Each table belongs to one module; no other module's code may name it in SQL. */
	@Test
	void everyTableIsUsedOnlyByTheModuleThatOwnsIt() throws IOException {
		Map<String, String> owners = Map.ofEntries(Map.entry("live_streams", "stream"),
				Map.entry("saved_streams", "stream"), Map.entry("global_stream_settings", "settings"),
				Map.entry("settings_audit", "settings"), Map.entry("stream_interactions", "engagement"),
				Map.entry("stream_viewers", "presence"), Map.entry("stream_presence_peaks", "presence"),
				Map.entry("stream_samples", "analytics"), Map.entry("media_playback_ids", "media"),
				Map.entry("media_sessions", "media"), Map.entry("media_recordings", "media"),
				Map.entry("shop_products", "shopping"), Map.entry("shop_showcase", "shopping"),
				Map.entry("shop_pins", "shopping"), Map.entry("shop_clicks", "shopping"),
				Map.entry("shop_impressions", "shopping"), Map.entry("shop_allowed_domains", "shopping"));
		Path sources = Path.of("src/main/java/io/livepulse");
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				String module = sources.relativize(file).getName(0).toString();
				String source = Files.readString(file);
				owners.forEach((table, owner) -> {
					if (!owner.equals(module) && Pattern.compile("\\b" + table + "\\b").matcher(source).find()) {
						violations.add(file + " uses " + table + ", which belongs to " + owner);
					}
				});
			}
		}
		assertThat(owners.values()).allSatisfy(owner -> assertThat(sources.resolve(owner)).isDirectory());
		assertThat(violations).isEmpty();
	}
}
