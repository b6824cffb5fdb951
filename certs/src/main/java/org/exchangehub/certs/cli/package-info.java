/** The {@code certs} command line: one picocli subcommand per verb, writing only to the streams it is given. */
package org.exchangehub.certs.cli;
