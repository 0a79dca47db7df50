package dev.gatehouse.demo;

import dev.gatehouse.security.Problems;

/** A thing of Gatehouse, refused as urn:gatehouse:problem:not-found. */
public class Thing {

	static final String TYPE = Problems.PREFIX + "not-found";

	static final String HEADER = "X-Gatehouse-Partner";

}
