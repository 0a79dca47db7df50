package dev.gatehouse.${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ${Service}Application {

	public static void main(String[] args) {
		SpringApplication.run(${Service}Application.class, args);
	}

}
