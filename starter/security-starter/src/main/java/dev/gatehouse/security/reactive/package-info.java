/**
 * The starter on WebFlux: the auto-configuration, the resource-server customizer a chain
 * an application builds itself applies (the gateway's), and the problem writers, entry
 * points and handlers behind them.
 */
package dev.gatehouse.security.reactive;
