package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretFileTests {

	@TempDir
	Path root;

	@Test
	void aSecretWrittenFirstCreatesTheDataDirectoryForItsOwnerOnlyAndIsKept() throws Exception {
		Path file = root.resolve("data/dev-stream-key-secret");

		String secret = DevSecretFile.readOrCreate(file, 32);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(secret).hasSize(64);
		assertThat(DevSecretFile.readOrCreate(file, 32)).isEqualTo(secret);
	}
}
