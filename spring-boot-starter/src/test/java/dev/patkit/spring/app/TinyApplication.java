package dev.patkit.spring.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fresh application with nothing but the starter, the Actuator and a web server. */
@SpringBootApplication
public class TinyApplication {

    /** @param args Spring Boot's arguments */
    public static void main(String[] args) {
        SpringApplication.run(TinyApplication.class, args);
    }
}
