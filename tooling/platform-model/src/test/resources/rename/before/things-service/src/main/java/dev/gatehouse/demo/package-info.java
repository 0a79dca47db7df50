/** Things. */
package dev.gatehouse.demo;
