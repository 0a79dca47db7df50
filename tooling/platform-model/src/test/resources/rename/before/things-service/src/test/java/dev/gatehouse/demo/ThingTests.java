package dev.gatehouse.demo;

class ThingTests {

	static final String KEY = "ghk_test_acme_0123456789abcdef";

	static final String TYPE = "urn:gatehouse:problem:not-found";

	static final String FORGED = "x-gatehouse-anything";

}
