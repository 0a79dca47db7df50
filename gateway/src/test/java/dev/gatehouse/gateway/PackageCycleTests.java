package dev.gatehouse.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages, one per feature, depend on each other one way only: a feature
 * can be read, changed or removed starting from its own package, and the shared ones
 * ({@code web}, {@code security}, the problem catalogue) never reach back into a feature.
 */
class PackageCycleTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.gatehouse.gateway");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.gatehouse.gateway.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
