package org.qualitycity.platform;

/**
 * Data-scope probes of the endpoints of modules other than the platform, one method per module,
 * so that {@link DataScopeTest} covers every endpoint of the application.
 */
final class ModuleScopeProbes {

    private ModuleScopeProbes() {
    }

    static void register(DataScopeTest t) {
    }
}
