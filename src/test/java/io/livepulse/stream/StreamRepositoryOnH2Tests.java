package io.livepulse.stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

class StreamRepositoryOnH2Tests extends StreamRepositoryConstraintContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshH2(registry);
	}
}
