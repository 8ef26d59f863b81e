package io.livepulse.stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

class StreamRepositoryOnPostgresTests extends StreamRepositoryConstraintContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshPostgres(registry);
	}
}
