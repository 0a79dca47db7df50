package dev.gatehouse.security;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Installs the configured {@link Brand} for this process, before anything that answers
 * requests exists (every web configuration of the starter depends on it through
 * {@link GatehouseBrandProperties}' validation at start-up).
 */
@AutoConfiguration
@EnableConfigurationProperties(GatehouseBrandProperties.class)
public class BrandAutoConfiguration {

	@Bean
	InstalledBrand gatehouseInstalledBrand(GatehouseBrandProperties properties) {
		return new InstalledBrand(properties.toBrand());
	}

	/** The brand in use while the context is open; the default again once it closes. */
	public static final class InstalledBrand implements DisposableBean {

		private final Brand brand;

		InstalledBrand(Brand brand) {
			this.brand = brand;
			Brand.install(brand);
		}

		public Brand brand() {
			return this.brand;
		}

		@Override
		public void destroy() {
			Brand.install(Brand.DEFAULT);
		}

	}

}
