package dev.gatehouse.policy;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where customer-service is and how long to wait for it, under
 * {@code gatehouse.customer-service}. The timeouts also apply to the token endpoint, so a
 * hung dependency costs a caller seconds, not a thread forever. {@code ssl-bundle}
 * (secure profile) names the Spring Boot SSL bundle with policy-service's client
 * certificate and the CA it trusts for customer-service's.
 */
@Validated
@ConfigurationProperties("gatehouse.customer-service")
record CustomerServiceProperties(@NotNull URI uri, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
		String sslBundle) {
}
