package dev.gatehouse.customer;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<Customer, Long> {

	Page<Customer> findByOwner(String owner, Pageable pageable);

	Optional<Customer> findFirstByOwner(String owner);

}
