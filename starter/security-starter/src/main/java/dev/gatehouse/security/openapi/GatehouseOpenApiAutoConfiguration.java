package dev.gatehouse.security.openapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.gatehouse.security.GatehouseSecurityProperties;

/**
 * A servlet service with springdoc on its classpath describes, besides what springdoc
 * finds in its controllers, the roles, problems and security schemes of each operation
 * ({@link RolesAndProblems}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class GatehouseOpenApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RolesAndProblems gatehouseRolesAndProblems(GatehouseSecurityProperties properties) {
		return new RolesAndProblems(properties);
	}

}
