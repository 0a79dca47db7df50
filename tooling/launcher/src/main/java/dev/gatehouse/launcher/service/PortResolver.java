package dev.gatehouse.launcher.service;

/**
 * Looks up a configured port by name, e.g. {@code "customer-service"} or
 * {@code "keycloak"}.
 */
@FunctionalInterface
public interface PortResolver {

	int port(String name);

}
