package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

/**
 * The quota period a moment falls in: a UTC day, a UTC month, or a fixed duration aligned
 * to the epoch.
 */
record QuotaWindow(Instant start, Instant end) {

	static QuotaWindow of(String period, Instant now) {
		LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
		switch (period.toLowerCase(Locale.ROOT)) {
			case "day" -> {
				return new QuotaWindow(today.atStartOfDay(ZoneOffset.UTC).toInstant(),
						today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
			}
			case "month" -> {
				LocalDate first = today.with(TemporalAdjusters.firstDayOfMonth());
				return new QuotaWindow(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
						first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
			}
			default -> {
				long length = DurationStyle.detectAndParse(period).toMillis();
				long start = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), length);
				return new QuotaWindow(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length));
			}
		}
	}

	Duration remaining(Instant now) {
		return Duration.between(now, this.end);
	}

}
