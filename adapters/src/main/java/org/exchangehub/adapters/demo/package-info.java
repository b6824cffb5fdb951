/**
 * The demo housing bureau: a seeded small city ({@link org.exchangehub.adapters.demo.DemoCity}) loaded into the
 * housing front-end database's exchange tables ({@link org.exchangehub.adapters.demo.DemoCityLoader}), and the bureau's
 * daily business of signing, filing and cancelling contracts there ({@link org.exchangehub.adapters.demo.DemoTraffic}),
 * so that the hub's housing inbound route has records to publish from the first minute.
 *
 * <p>It only ever INSERTs rows, as the bureau's own system does: every change is a new row, the processing columns
 * are left to the hub. All personal data is fake ({@link org.exchangehub.adapters.demo.DemoPeople}).
 */
package org.exchangehub.adapters.demo;
