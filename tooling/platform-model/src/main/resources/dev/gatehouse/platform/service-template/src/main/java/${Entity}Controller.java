package dev.gatehouse.${package};

import java.net.URI;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.Problems;

/**
 * ${Entity} records. Which roles may call which method comes from gatehouse.yaml (the
 * generated gatehouse-generated.yaml); this class enforces what only the data decides:
 * callers with ${readRole} see every ${entity}, everyone else only their own.
 */
@RestController
@RequestMapping("/api/${short}")
class ${Entity}Controller {

	static final String READ_ROLE = "${readRole}";

	private final ${Entity}Repository ${entity}s;

	${Entity}Controller(${Entity}Repository ${entity}s) {
		this.${entity}s = ${entity}s;
	}

	@GetMapping
	Page<${Entity}View> list(@ParameterObject @PageableDefault(size = 20) Pageable pageable, Authentication auth) {
		Pageable inIdOrder = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by("number"));
		Page<${Entity}> page = readsAll(auth) ? this.${entity}s.findAll(inIdOrder)
				: this.${entity}s.findByOwner(auth.getName(), inIdOrder);
		return page.map(${Entity}View::of);
	}

	@GetMapping("/{id}")
	${Entity}View get(@PathVariable String id, Authentication auth) {
		return ${Entity}View.of(find(id, auth));
	}

	@PostMapping
	@Transactional
	ResponseEntity<${Entity}View> create(@Valid @RequestBody Create request, Authentication auth) {
		${Entity} saved = this.${entity}s.save(new ${Entity}(auth.getName(), request.title()));
		return ResponseEntity.created(URI.create("/api/${short}/" + saved.getNumber())).body(${Entity}View.of(saved));
	}

	/** Only the title: the owner is the caller, id and time are the service's. */
	record Create(@NotBlank @Size(max = 200) String title) {
	}

	private static boolean readsAll(Authentication auth) {
		return auth.getAuthorities().stream().anyMatch((authority) -> READ_ROLE.equals(authority.getAuthority()));
	}

	/** Another caller's ${entity} answers exactly like a missing one, so ids cannot be probed. */
	private ${Entity} find(String id, Authentication auth) {
		Optional<${Entity}> found = id.matches("[0-9]{1,18}") ? this.${entity}s.findById(Long.valueOf(id))
				: Optional.empty();
		return found.filter((${entity}) -> readsAll(auth) || ${entity}.getOwner().equals(auth.getName()))
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.problem(HttpStatus.NOT_FOUND,
					Problems.NOT_FOUND, "${Entity} not found", "No ${entity} " + id + "; check the id."), null));
	}

}
