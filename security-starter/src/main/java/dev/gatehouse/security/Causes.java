package dev.gatehouse.security;

/** Looks through an exception's cause chain. */
public final class Causes {

	private Causes() {
	}

	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
