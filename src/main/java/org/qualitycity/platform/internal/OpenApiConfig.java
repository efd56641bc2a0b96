package org.qualitycity.platform.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title of the API description and its bearer-token scheme (tokens from POST /api/v1/auth/token). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI qualityCityOpenApi() {
        return new OpenAPI()
                .info(new Info().title("QualityCity API").version("v1")
                        .description("Obtain a token with POST /api/v1/auth/token, then send Authorization: Bearer <token>. "
                                + "Errors are RFC 9457 problem details with field errors. /api/v1/public/** needs no login."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
