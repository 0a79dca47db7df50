package dev.gatehouse.policy;

import java.net.URI;
import java.util.Optional;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.policy.CustomerDirectory.RemoteCustomer;
import dev.gatehouse.policy.Policy.Status;
import dev.gatehouse.security.servlet.CallerRefusals;

/**
 * Policies. Which roles may call which method is wired in application.yaml; this class
 * enforces what only the data and the kind of caller decide (gatehouse.yaml,
 * {@code authorization}): whose policy or customer record, which status change, and a
 * partner's scope and view.
 */
@RestController
@RequestMapping("/api/policies")
class PolicyController {

	private final PolicyRepository policies;

	private final CustomerDirectory customers;

	private final CallerRefusals refusals;

	PolicyController(PolicyRepository policies, CustomerDirectory customers, CallerRefusals refusals) {
		this.policies = policies;
		this.customers = customers;
		this.refusals = refusals;
	}

	/**
	 * A partner lists what it sold, in the partner view; staff everything; a customer
	 * their own.
	 */
	@GetMapping
	Page<?> list(@ParameterObject @PageableDefault(size = 20) Pageable pageable, Authentication auth) {
		Caller caller = Caller.of(auth);
		Pageable page = PolicyRepository.inIdOrder(pageable);
		if (caller.isPartner()) {
			return this.policies.findByPartner(caller.partner(), page).map(PartnerPolicyView::of);
		}
		return (caller.staff() ? this.policies.findAll(page) : this.policies.findByHolder(caller.username(), page))
			.map(PolicyView::of);
	}

	@GetMapping("/{id}")
	Object get(@PathVariable String id, Authentication auth) {
		Caller caller = Caller.of(auth);
		Policy policy = find(id, caller);
		return caller.isPartner() ? PartnerPolicyView.of(policy) : PolicyView.of(policy);
	}

	/**
	 * The customer is checked at customer-service before anything is written, so a failed
	 * check leaves nothing behind. Not @Transactional: no database connection is held
	 * during the remote call, and the single save is a transaction of its own.
	 */
	@PostMapping
	@ApiResponse(responseCode = "422", description = "No customerId the caller may open a policy for: missing, or "
			+ "another customer's record (answered alike unless the caller may read customers); `errors` names customerId.")
	ResponseEntity<PolicyView> create(@Valid @RequestBody PolicyRequests.Create request, Authentication auth,
			HttpServletRequest http) {
		Caller caller = Caller.of(auth);
		refusePartners(caller, auth, http);
		// One lookup whatever the outcome, and another customer's record answers exactly
		// like a
		// missing one (same status, body and work), unless the caller may read customers
		// anyway.
		RemoteCustomer customer = this.customers.find(request.customerId()).orElse(null);
		if (customer == null || !caller.mayCreateFor(customer.owner())) {
			throw unknownCustomer(request.customerId(), customer != null && caller.has(Caller.READ_CUSTOMERS));
		}
		Policy saved = this.policies.save(new Policy(request.customerId(), customer.owner(), request.product(), null));
		return ResponseEntity.created(URI.create("/api/policies/" + saved.getId())).body(PolicyView.of(saved));
	}

	@PatchMapping("/{id}/status")
	@Transactional
	PolicyView changeStatus(@PathVariable String id, @Valid @RequestBody PolicyRequests.StatusChange request,
			Authentication auth, HttpServletRequest http) {
		Status target = request.status();
		if (target == Status.QUOTED) {
			throw notATarget();
		}
		Caller caller = Caller.of(auth);
		refusePartners(caller, auth, http);
		Policy policy = find(id, caller);
		if (!mayMove(caller, policy, target)) {
			throw insufficientRole(caller, target, auth, http);
		}
		if (!policy.getStatus().canMoveTo(target)) {
			throw conflict("Policy " + id + " is " + policy.getStatus() + " and cannot become " + target + ".");
		}
		policy.moveTo(target);
		try {
			return PolicyView.of(this.policies.saveAndFlush(policy));
		}
		catch (ObjectOptimisticLockingFailureException ex) {
			throw conflict("Policy " + id + " was changed by someone else meanwhile; read it again and retry.");
		}
	}

	/**
	 * Decisions are the underwriters'; cancelling is for writers and for the policy's
	 * holder.
	 */
	private static boolean mayMove(Caller caller, Policy policy, Status target) {
		return switch (target) {
			case APPROVED, REJECTED -> caller.has(Caller.APPROVE);
			case CANCELLED -> caller.has(Caller.WRITE) || policy.isHeldBy(caller.username());
			case QUOTED -> false;
		};
	}

	/**
	 * Another customer's policy answers exactly like a missing one, so ids cannot be
	 * probed.
	 */
	private Policy find(String id, Caller caller) {
		Long number = Policy.number(id);
		return ((number != null) ? this.policies.findById(number) : Optional.<Policy>empty()).filter(caller::mayAccess)
			.orElseThrow(
					() -> new PolicyException(PolicyProblem.POLICY_NOT_FOUND, "No policy " + id + "; check the id."));
	}

	/**
	 * 422, not 404: the path exists, the customer the body refers to does not (or is not
	 * the caller's). Only a caller who may read customers anyway learns which of the two
	 * it is.
	 */
	private static PolicyException unknownCustomer(String customerId, boolean existsAndReadable) {
		String detail = existsAndReadable
				? "Customer " + customerId + " is not yours: you may open policies only for your own customer record."
				: "No customer " + customerId + "; check the customerId.";
		return new PolicyException(PolicyProblem.UNKNOWN_CUSTOMER, detail).field("customerId",
				existsAndReadable ? "not your customer record" : "no such customer");
	}

	private static PolicyException notATarget() {
		return new PolicyException(PolicyProblem.STATUS_NOT_A_TARGET,
				"Fix these fields and retry: status must be APPROVED, REJECTED or CANCELLED.")
			.field("status", "must be APPROVED, REJECTED or CANCELLED");
	}

	private static PolicyException conflict(String detail) {
		return new PolicyException(PolicyProblem.STATUS_CHANGE_NOT_POSSIBLE, detail);
	}

	/**
	 * Partner systems read what they sold; whatever roles their token carries, they
	 * change nothing.
	 */
	private void refusePartners(Caller caller, Authentication auth, HttpServletRequest http) {
		if (caller.isPartner()) {
			throw this.refusals.forbidden(http, auth, http.getMethod() + " " + http.getRequestURI()
					+ " is not open to partner systems: they read the policies sold through them, and change none.");
		}
	}

	/**
	 * The same 403 the starter answers for a route rule, since this rule depends on the
	 * body.
	 */
	private ErrorResponseException insufficientRole(Caller caller, Status target, Authentication auth,
			HttpServletRequest http) {
		String needed = (target == Status.CANCELLED) ? "the role " + Caller.WRITE + " or to be the policy's holder"
				: "one of the roles [" + Caller.APPROVE + "]";
		return this.refusals.forbidden(http, auth, http.getMethod() + " " + http.getRequestURI() + " to " + target
				+ " needs " + needed + "; the token grants " + caller.authorities() + ".");
	}

}
