package io.livepulse.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret the dev profile generates once and keeps in the data directory (mode 600, in a directory
 * created 700), so it survives restarts: tokens signed before a restart stay valid, and scripts such
 * as {@code bin/media} can read the same file. Never used outside the dev profile, where secrets come
 * from configuration.
 */
public final class DevSecretFile {

	private DevSecretFile() {
	}

	/**
	 * The secret in the file (hex), or a new one of {@code randomBytes} random bytes written there first.
	 * A file holding fewer than {@code randomBytes} hex characters is replaced.
	 */
	public static String readOrCreate(Path file, int randomBytes) {
		try {
			if (Files.exists(file)) {
				String existing = Files.readString(file).strip();
				if (existing.length() >= randomBytes) {
					return existing;
				}
			}
			byte[] random = new byte[randomBytes];
			new SecureRandom().nextBytes(random);
			String generated = HexFormat.of().formatHex(random);
			Path directory = file.toAbsolutePath().getParent();
			// the data directory, created here when a secret comes first: its owner's only, as for the database
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temporary, generated + "\n");
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			return generated;
		}
		catch (IOException unwritable) {
			throw new IllegalStateException("Could not read or create the dev secret in " + file, unwritable);
		}
	}
}
