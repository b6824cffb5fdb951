/**
 * Camel routes, one package per agency interface (housing, tax, registry, portal), mapping agency-native formats to and
 * from the hub's canonical record. Adapters talk to the hub only through Camel endpoints and message headers.
 */
package org.exchangehub.adapters;
