package dev.gatehouse.policy;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Customer records as customer-service has them, read with policy-service's own token.
 * Any answer other than the record or 404 means the record could not be checked, which
 * the caller hears as a 503 to retry, never as a 500 or with the address of the service
 * that failed.
 */
class CustomerDirectory {

	private static final Logger log = LoggerFactory.getLogger(CustomerDirectory.class);

	/**
	 * Seconds a caller is asked to wait before retrying while customer-service is
	 * unavailable.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private final RestClient customerService;

	CustomerDirectory(RestClient customerService) {
		this.customerService = customerService;
	}

	/** The customer record, or empty when customer-service has none with this id. */
	Optional<RemoteCustomer> find(String customerId) {
		try {
			return this.customerService.get()
				.uri("/api/customers/{id}", customerId)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					if (response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
						return Optional.<RemoteCustomer>empty();
					}
					RemoteCustomer customer = response.getStatusCode().is2xxSuccessful()
							? response.bodyTo(RemoteCustomer.class) : null;
					if (customer == null) {
						log.warn("customer-service answered {} without a record for customer {}",
								response.getStatusCode().value(), customerId);
						throw unavailable();
					}
					return Optional.of(customer);
				});
		}
		catch (RestClientException | OAuth2AuthorizationException ex) {
			log.warn("Could not look up customer {} at customer-service: {} ({})", customerId, ex.getMessage(),
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
			throw unavailable();
		}
	}

	private static PolicyException unavailable() {
		PolicyException unavailable = new PolicyException(PolicyProblem.CUSTOMER_RECORDS_UNAVAILABLE,
				"The customer record could not be checked right now, so no policy was created; retry shortly.");
		unavailable.getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
		return unavailable;
	}

	/**
	 * The part of customer-service's answer this service uses. Other fields are ignored
	 * (a tolerant reader), unlike request bodies from our own callers, so
	 * customer-service can add fields.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record RemoteCustomer(String id, String owner) {
	}

}
