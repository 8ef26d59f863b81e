package io.livepulse.shared;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

/** The text and date part of the bad-input suite on a real PostgreSQL, where a NUL used to become a 500. */
class BadTextInputOnPostgresTests extends BadInputContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshPostgres(registry);
	}
}
