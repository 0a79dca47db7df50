/**
 * The starter on Spring MVC: the auto-configurations (resource server, problem details,
 * management and server limits) and the filters, handlers and entry points they register.
 */
package dev.gatehouse.security.servlet;
