package dev.gatehouse.${package};

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ${Entity}Repository extends JpaRepository<${Entity}, Long> {

	Page<${Entity}> findByOwner(String owner, Pageable pageable);

}
