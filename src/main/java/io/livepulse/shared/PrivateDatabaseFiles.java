package io.livepulse.shared;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded H2 database is its owner's only: its directory is created 700 before the pool opens
 * it, and its files ({@code livepulse.mv.db}, {@code .trace.db}, ...) are set to 600 before and after
 * start-up. A directory that already exists is not changed (it may be shared); if others can enter
 * it, a warning says so. PostgreSQL and in-memory databases are left alone.
 */
@Configuration(proxyBeanMethods = false)
class PrivateDatabaseFiles {

	private static final Logger log = LoggerFactory.getLogger(PrivateDatabaseFiles.class);
	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	@Bean
	static Guard databaseFileGuard(Environment environment) {
		return new Guard(databasePath(environment.getProperty("spring.datasource.url")));
	}

	/** The database's path without H2's suffixes, for {@code jdbc:h2:[file:]path[;settings]}; null for anything else. */
	static @Nullable Path databasePath(@Nullable String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return null;
		}
		String location = url.substring("jdbc:h2:".length());
		location = location.startsWith("file:") ? location.substring("file:".length()) : location;
		int settings = location.indexOf(';');
		location = settings < 0 ? location : location.substring(0, settings);
		if (location.isEmpty() || location.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF):.*")) {
			return null;
		}
		if (location.startsWith("~")) {
			location = System.getProperty("user.home") + location.substring(1);
		}
		return Path.of(location).toAbsolutePath().normalize();
	}

	static final class Guard implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent> {

		private final @Nullable Path database;

		Guard(@Nullable Path database) {
			boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
			this.database = posix ? database : null;
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof DataSource && database != null && database.getParent() != null) {
				prepareDirectory(database.getParent());
				restrictFiles();
			}
			return bean;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			restrictFiles();
		}

		private void prepareDirectory(Path directory) {
			try {
				if (Files.notExists(directory)) {
					Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
				}
				else if (!OWNER_DIRECTORY.containsAll(Files.getPosixFilePermissions(directory))) {
					log.warn("The database directory {} can be entered by other users; 'chmod 700' it unless it is meant"
							+ " to be shared (the database files themselves are set to 600)", directory);
				}
			}
			catch (IOException unusable) {
				throw new IllegalStateException("Could not create the database directory " + directory, unusable);
			}
		}

		private void restrictFiles() {
			if (database == null || database.getParent() == null || !Files.isDirectory(database.getParent())) {
				return;
			}
			String prefix = database.getFileName() + ".";
			try (Stream<Path> files = Files.list(database.getParent())) {
				for (Path file : files.filter(path -> path.getFileName().toString().startsWith(prefix)
						&& path.getFileName().toString().endsWith(".db") && Files.isRegularFile(path)).toList()) {
					if (!Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
						Files.setPosixFilePermissions(file, OWNER_FILE);
					}
				}
			}
			catch (IOException unreadable) {
				log.warn("Could not make the database files in {} private to their owner", database.getParent(), unreadable);
			}
		}
	}
}
