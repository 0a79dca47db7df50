/**
 * The starter's public API: its properties ({@code gatehouse.security.*}), the problem
 * types it answers with and their catalogue, token-failure classification,
 * sender-constrained tokens, gateway vouching headers, and the audit log. What the
 * auto-configurations register is typed by Spring Security's own interfaces, so an
 * application replaces any part by declaring a bean of that type.
 */
package dev.gatehouse.security;
