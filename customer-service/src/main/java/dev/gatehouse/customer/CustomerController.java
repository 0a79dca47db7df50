package dev.gatehouse.customer;

import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.security.servlet.CallerRefusals;

/**
 * Customer records. Which roles may call which method is wired in application.yaml; this
 * class enforces what only the data and the kind of caller decide (gatehouse.yaml,
 * {@code authorization}): ownership, and that partner systems see no customers.
 */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

	private final CustomerRepository customers;

	private final CallerRefusals refusals;

	CustomerController(CustomerRepository customers, CallerRefusals refusals) {
		this.customers = customers;
		this.refusals = refusals;
	}

	/**
	 * Paged in id order; a client's sort parameter is ignored rather than passed to the
	 * query.
	 */
	@GetMapping
	Page<CustomerView> list(@ParameterObject @PageableDefault(size = 20) Pageable pageable, Authentication auth,
			HttpServletRequest http) {
		Caller caller = caller(auth, http);
		Pageable inIdOrder = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by("number"));
		Page<Customer> page = caller.staff() ? this.customers.findAll(inIdOrder)
				: this.customers.findByOwner(caller.username(), inIdOrder);
		return page.map(CustomerView::of);
	}

	@GetMapping("/me")
	CustomerView me(Authentication auth, HttpServletRequest http) {
		caller(auth, http);
		return this.customers.findFirstByOwner(auth.getName())
			.map(CustomerView::of)
			.orElseThrow(() -> notFound("No customer record belongs to " + auth.getName() + "."));
	}

	@GetMapping("/{id}")
	CustomerView get(@PathVariable String id, Authentication auth, HttpServletRequest http) {
		return CustomerView.of(find(id, caller(auth, http)));
	}

	@PostMapping
	@Transactional
	ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerRequests.Create request, Authentication auth,
			HttpServletRequest http) {
		caller(auth, http);
		if (request.owner() != null && this.customers.findFirstByOwner(request.owner()).isPresent()) {
			throw new CustomerException(CustomerProblem.OWNER_HAS_RECORD,
					"The login " + request.owner() + " already owns a customer record; update that one instead.");
		}
		Customer saved = this.customers.save(new Customer(request.owner(), request.name(), request.email()));
		return ResponseEntity.created(URI.create("/api/customers/" + saved.getId())).body(CustomerView.of(saved));
	}

	@PutMapping("/{id}")
	@Transactional
	CustomerView update(@PathVariable String id, @Valid @RequestBody CustomerRequests.Update request,
			Authentication auth, HttpServletRequest http) {
		Customer customer = find(id, caller(auth, http));
		customer.update(request.name(), request.email());
		return CustomerView.of(this.customers.saveAndFlush(customer));
	}

	/** Partner systems see no customer records, whatever roles their token carries. */
	private Caller caller(Authentication auth, HttpServletRequest http) {
		Caller caller = Caller.of(auth);
		if (caller.partner()) {
			throw this.refusals.forbidden(http, auth, http.getMethod() + " " + http.getRequestURI()
					+ " is not open to partner systems: customer records are never shown to partners.");
		}
		return caller;
	}

	/**
	 * Another customer's record answers exactly like a missing one, so ids cannot be
	 * probed.
	 */
	private Customer find(String id, Caller caller) {
		Long number = Customer.number(id);
		return ((number != null) ? this.customers.findById(number) : Optional.<Customer>empty())
			.filter(caller::mayAccess)
			.orElseThrow(() -> notFound("No customer " + id + "; check the id."));
	}

	private static CustomerException notFound(String detail) {
		return new CustomerException(CustomerProblem.CUSTOMER_NOT_FOUND, detail);
	}

}
