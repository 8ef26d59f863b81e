package io.livepulse.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

import io.livepulse.security.Caller;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}; off in prod):
 * every endpoint, the bearer token, and for each operation its errors as {@code application/problem+json}
 * (RFC 9457), which is how every error of this service is answered.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String PROBLEM = "Problem";


	@Bean
	OpenAPI livePulseOpenApi() {
		return new OpenAPI()
			.info(new Info().title("LivePulse API").version("1")
				.description("Live-stream engagement: streams, real viewers, likes, purchases, video, settings."))
			.schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
				.bearerFormat("JWT"));
	}

	/** The caller comes from the bearer token ({@code Caller} or {@code Optional<Caller>} arguments), not from a parameter. */
	@Bean
	OperationCustomizer callerIsNoParameter() {
		return (operation, handler) -> {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.nestedIfOptional().getNestedParameterType() == Caller.class && operation.getParameters() != null) {
					String name = parameter.getParameterName();
					operation.getParameters().removeIf(documented -> documented.getName().equals(name));
				}
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> {
			openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
				.description("RFC 9457 problem details; field errors, where there are any, in 'errors'")
				.properties(Map.of("type", new StringSchema(), "title", new StringSchema(), "status", new IntegerSchema(),
						"detail", new StringSchema(), "instance", new StringSchema())));
			Content problem = new Content().addMediaType("application/problem+json",
					new MediaType().schema(new ObjectSchema().$ref("#/components/schemas/" + PROBLEM)));
			openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
				operation.getResponses().addApiResponse("4XX",
						new ApiResponse().description("The request was refused; the detail says why").content(problem));
				operation.getResponses().addApiResponse("5XX",
						new ApiResponse().description("The service failed; nothing was changed").content(problem));
				operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
			}));
		};
	}
}
