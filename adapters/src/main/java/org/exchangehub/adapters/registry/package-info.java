/**
 * The real-estate registry center (不动产登记中心): gets FILING, CONTRACT and TAX_CLEARANCE pushed as the canonical
 * record with its receipt, and answers with a registration result (登记结果) that is published as REGISTRATION.
 */
package org.exchangehub.adapters.registry;
