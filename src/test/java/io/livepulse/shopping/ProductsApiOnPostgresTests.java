package io.livepulse.shopping;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

class ProductsApiOnPostgresTests extends ProductsApiContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshPostgres(registry);
	}
}
