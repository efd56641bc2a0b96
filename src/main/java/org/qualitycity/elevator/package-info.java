/**
 * The elevator cloud (电梯智慧管理): elevators registered as devices of the monitoring module, GB/T 24476 status
 * and fault codes, trapped-passenger detection, 96333 rescue orders with response and arrival timers, periodic
 * inspections under TSG T7001-2023 and maintenance every 15 days.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Elevators and 96333 rescue",
        allowedDependencies = {})
package org.qualitycity.elevator;
