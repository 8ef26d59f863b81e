package io.livepulse.engagement;

import static io.livepulse.security.ApiSecuritySlice.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.livepulse.security.ApiSecuritySlice;
import io.livepulse.security.Role;

/** The like and purchase endpoints alone: who may call them, what input they take, and what reaches the service. */
@WebMvcTest(controllers = InteractionController.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.livepulse\\.web\\..*"))
@Import(ApiSecuritySlice.class)
class InteractionControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	InteractionService interactions;

	@Test
	void aLikeCountsForTheCallerItsTokenNamesAndAnswersTheTotal() throws Exception {
		given(interactions.like(eq(7L), any())).willReturn(new LikeResult(true, 42));

		mvc.perform(post("/api/streams/7/likes").with(as("fan-1", Role.VIEWER, null)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.likes").value(42));
		verify(interactions).like(eq(7L), argThat(caller -> caller.userId().equals("fan-1")));
	}

	@Test
	void aLikeWithoutATokenIs401ProblemAndNeverReachesTheService() throws Exception {
		mvc.perform(post("/api/streams/7/likes"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(interactions);
	}

	@Test
	void onlyTheShopMayReportAPurchase() throws Exception {
		mvc.perform(post("/api/streams/7/purchases").with(as("fan-1", Role.VIEWER, null))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"orderId\":\"R-1\",\"amountMinor\":4200,\"currency\":\"EUR\",\"buyerId\":\"fan-1\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(interactions);
	}

	@Test
	void aPurchaseWithBadFieldsNamesEachOfThemAndRecordsNothing() throws Exception {
		mvc.perform(post("/api/streams/7/purchases").with(as("shop", Role.COMMERCE, null))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"orderId\":\"\",\"amountMinor\":-5,\"currency\":\"euro\",\"buyerId\":\"" + "b".repeat(65) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("orderId",
					"amountMinor", "currency", "buyerId")));
		verify(interactions, org.mockito.Mockito.never()).purchase(anyLong(), any(), any());
	}

	@Test
	void aPurchaseInACurrencyThatIsNoIsoCurrencyWithMinorUnitsIsRefused() throws Exception {
		for (String currency : List.of("QQQ", "XAU", "EURO", "eur")) {
			mvc.perform(post("/api/streams/7/purchases").with(as("shop", Role.COMMERCE, null))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"orderId\":\"R-1\",\"amountMinor\":4200,\"currency\":\"%s\",\"buyerId\":\"fan-1\"}"
					.formatted(currency)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("currency")));
		}
		verify(interactions, org.mockito.Mockito.never()).purchase(anyLong(), any(), any());
	}

	@Test
	void aNewPurchaseFromTheShopIsAnswered201AndARepeatedOne200() throws Exception {
		String body = "{\"orderId\":\"R-1\",\"amountMinor\":4200,\"currency\":\"EUR\",\"buyerId\":\"fan-1\"}";
		given(interactions.purchase(eq(7L), any(), any())).willReturn(new PurchaseResult("R-1", true, 4200, "EUR", 1, null, null),
				new PurchaseResult("R-1", false, 4200, "EUR", 1, null, null));

		mvc.perform(post("/api/streams/7/purchases").with(as("shop", Role.COMMERCE, null))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated());
		mvc.perform(post("/api/streams/7/purchases").with(as("shop", Role.COMMERCE, null))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk())
			.andExpect(jsonPath("$.recorded").value(false));
	}
}
