package dev.gatehouse.launcher.process;

import java.util.concurrent.ThreadLocalRandom;

/** Ports to choose test and benchmark ports from. */
record PortRange(int low, int high) {

	/**
	 * Below this are well-known services and commonly configured ones (8080, 5432,
	 * 6379...).
	 */
	static final int LOWEST = 10000;

	private static final int ENOUGH = 2000;

	/**
	 * Below the ephemeral range when there is room there, else above it, else everything
	 * from {@link #LOWEST}.
	 */
	static PortRange outsideEphemeral(EphemeralRange ephemeral) {
		if (ephemeral.low() - LOWEST >= ENOUGH) {
			return new PortRange(LOWEST, ephemeral.low() - 1);
		}
		if (65535 - ephemeral.high() >= ENOUGH) {
			return new PortRange(ephemeral.high() + 1, 65535);
		}
		return new PortRange(LOWEST, 65535);
	}

	int random() {
		return ThreadLocalRandom.current().nextInt(low, high + 1);
	}

	@Override
	public String toString() {
		return low + "-" + high;
	}
}
