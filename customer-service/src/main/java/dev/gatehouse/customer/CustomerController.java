package dev.gatehouse.customer;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.Valid;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.Problems;

/**
 * Customer records. Which roles may call which method is wired in application.yaml; this class
 * enforces ownership, which only the data can decide.
 */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

	private final CustomerRepository customers;

	CustomerController(CustomerRepository customers) {
		this.customers = customers;
	}

	/** Paged in id order; a client's sort parameter is ignored rather than passed to the query. */
	@GetMapping
	Page<CustomerView> list(@PageableDefault(size = 20) Pageable pageable, Authentication auth) {
		Caller caller = Caller.of(auth);
		Pageable inIdOrder = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by("number"));
		Page<Customer> page = caller.staff() ? this.customers.findAll(inIdOrder)
				: this.customers.findByOwner(caller.username(), inIdOrder);
		return page.map(CustomerView::of);
	}

	@GetMapping("/me")
	CustomerView me(Authentication auth) {
		return this.customers.findFirstByOwner(auth.getName())
			.map(CustomerView::of)
			.orElseThrow(() -> notFound("No customer record belongs to " + auth.getName() + "."));
	}

	@GetMapping("/{id}")
	CustomerView get(@PathVariable String id, Authentication auth) {
		return CustomerView.of(find(id, Caller.of(auth)));
	}

	@PostMapping
	@Transactional
	ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerRequests.Create request) {
		if (request.owner() != null && this.customers.findFirstByOwner(request.owner()).isPresent()) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.problem(HttpStatus.CONFLICT, Problems.CONFLICT,
					"Owner already has a record", "The login " + request.owner()
							+ " already owns a customer record; update that one instead."),
					null);
		}
		Customer saved = this.customers.save(new Customer(request.owner(), request.name(), request.email()));
		return ResponseEntity.created(URI.create("/api/customers/" + saved.getId())).body(CustomerView.of(saved));
	}

	@PutMapping("/{id}")
	@Transactional
	CustomerView update(@PathVariable String id, @Valid @RequestBody CustomerRequests.Update request,
			Authentication auth) {
		Customer customer = find(id, Caller.of(auth));
		customer.update(request.name(), request.email());
		return CustomerView.of(this.customers.saveAndFlush(customer));
	}

	/** Another customer's record answers exactly like a missing one, so ids cannot be probed. */
	private Customer find(String id, Caller caller) {
		Long number = Customer.number(id);
		return ((number != null) ? this.customers.findById(number) : Optional.<Customer>empty())
			.filter(caller::mayAccess)
			.orElseThrow(() -> notFound("No customer " + id + "; check the id."));
	}

	private static ErrorResponseException notFound(String detail) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				Problems.problem(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Customer not found", detail), null);
	}

}
