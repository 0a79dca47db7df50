/**
 * The starter's part of a servlet service's OpenAPI description (with springdoc on the
 * classpath): each operation's roles from {@code gatehouse.security.rules}, the problem
 * responses it can answer, the security schemes, and the names the gateway reads back
 * ({@link dev.gatehouse.security.openapi.ApiDescriptions}).
 */
package dev.gatehouse.security.openapi;
