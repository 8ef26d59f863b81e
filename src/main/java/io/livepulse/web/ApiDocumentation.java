package io.livepulse.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

import io.livepulse.security.Caller;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
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

	/** Buy on a viewer page: served by a page controller, so described here by hand. */
	private static PathItem clickThrough() {
		return new PathItem().get(new Operation().operationId("clickThrough").addTagsItem("click-through-controller")
			.summary("Counts a viewer's click on a pinned or showcased product and redirects to its shop page")
			.description("302 to the product's own https URL with lp_stream, lp_product, utm_source=livepulse, "
					+ "utm_medium=live and utm_campaign=<stream id>. The click counts once per viewer, product and "
					+ "stream, and only from a viewer counted on the live stream. An archived or unshown product, "
					+ "or a stream the visitor may not see, gets the HTML not-found page and no redirect.")
			.addParametersItem(new PathParameter().name("streamId").schema(new IntegerSchema().format("int64")))
			.addParametersItem(new PathParameter().name("productId").schema(new IntegerSchema().format("int64")))
			.responses(new ApiResponses().addApiResponse("302", new ApiResponse()
				.description("To the product page; the Location header carries the attribution parameters"))));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> {
			openApi.path("/go/{streamId}/{productId}", clickThrough());
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
