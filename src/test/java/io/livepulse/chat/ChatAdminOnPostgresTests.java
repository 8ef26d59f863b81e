package io.livepulse.chat;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.livepulse.support.Databases;

class ChatAdminOnPostgresTests extends ChatAdminContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Databases.useFreshPostgres(registry);
	}
}
