package dev.gatehouse.realm;

/** The realm files cannot make a realm: the message says what to fix. */
public class RealmDefinitionException extends RuntimeException {

	public RealmDefinitionException(String message) {
		super(message);
	}

}
