/**
 * Simulated agency systems as real HTTP servers, for the tests and the demo: the tax bureau ({@link
 * org.exchangehub.adapters.simulator.TaxSimulator}) and the registry ({@link
 * org.exchangehub.adapters.simulator.RegistrySimulator}). Each verifies what it gets through the hub's verify API,
 * answers a repeated delivery id as before without its application seeing it twice, and can be made slow, failing or
 * down by a test.
 */
package org.exchangehub.adapters.simulator;
