package dev.gatehouse.policy;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PolicyRepository extends JpaRepository<Policy, Long> {

	Page<Policy> findByHolder(String holder, Pageable pageable);

	Page<Policy> findByPartner(String partner, Pageable pageable);

	@Query("select p.status, count(p) from Policy p group by p.status")
	List<StatusCount> countByStatus();

	/**
	 * The requested page in id order. A client-chosen sort is ignored: it could order by
	 * a field the caller may not see (a partner sorting by holder), or name none at all.
	 */
	static Pageable inIdOrder(Pageable requested) {
		return PageRequest.of(requested.getPageNumber(), requested.getPageSize(), Sort.by("number"));
	}

	record StatusCount(Policy.Status status, long count) {
	}

}
