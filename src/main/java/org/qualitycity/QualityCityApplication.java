package org.qualitycity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** QualityCity: the platform on which a city runs its quality programme (质量强市). */
@SpringBootApplication
@EnableScheduling
public class QualityCityApplication {

    public static void main(String[] args) {
        SpringApplication.run(QualityCityApplication.class, args);
    }
}
