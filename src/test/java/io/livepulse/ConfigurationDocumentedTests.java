package io.livepulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table and the configuration the code reads say the same: every
 * {@code livepulse.*} key the configuration processor found in a {@code @ConfigurationProperties} record is
 * in the table, and the table names no key the code does not read.
 */
class ConfigurationDocumentedTests {

	/** A table row's first cell: one key, or several that share the first one's prefix ({@code `a.b` / `c`}). */
	private static final Pattern ROW = Pattern.compile("^\\| (`livepulse\\.[^|]+) \\|", Pattern.MULTILINE);
	private static final Pattern KEY = Pattern.compile("`([a-z0-9.-]+)`");

	@Test
	void everyKeyTheCodeReadsIsInTheReadmeTableAndTheTableNamesNoOtherKey() throws IOException {
		Set<String> read = keysTheCodeReads();
		Set<String> documented = keysInTheReadmeTable();

		assertThat(read).as("keys found by the configuration processor").hasSizeGreaterThan(40);
		assertThat(new TreeSet<>(documented)).as("README rows for keys the code does not read")
			.isSubsetOf(read);
		assertThat(new TreeSet<>(read)).as("keys the code reads that the README's table leaves out")
			.isSubsetOf(documented);
	}

	private static Set<String> keysTheCodeReads() throws IOException {
		try (InputStream metadata = ConfigurationDocumentedTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("the configuration processor's metadata on the classpath").isNotNull();
			JsonNode properties = JsonMapper.builder().build().readTree(metadata).get("properties");
			Set<String> keys = new TreeSet<>();
			properties.forEach(property -> {
				String name = property.get("name").asString();
				if (name.startsWith("livepulse.")) {
					keys.add(name);
				}
			});
			return keys;
		}
	}

	private static Set<String> keysInTheReadmeTable() throws IOException {
		Matcher rows = ROW.matcher(Files.readString(Path.of("README.md")));
		Set<String> keys = new TreeSet<>();
		while (rows.find()) {
			List<String> names = new ArrayList<>();
			Matcher key = KEY.matcher(rows.group(1));
			while (key.find()) {
				names.add(key.group(1));
			}
			String first = names.getFirst();
			keys.add(first);
			String prefix = first.substring(0, first.lastIndexOf('.') + 1);
			names.stream().skip(1).map(name -> name.startsWith("livepulse.") ? name : prefix + name).forEach(keys::add);
		}
		return keys;
	}
}
