package dev.gatehouse.${package};

import dev.gatehouse.security.Problems;

/** A ${entity}: new-service fills the names in. */
class ${Entity} {

	Problems problems;

}
