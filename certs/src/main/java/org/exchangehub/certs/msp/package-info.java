/** A Hyperledger Fabric organization's crypto material, in the directory layout of Fabric's {@code cryptogen}. */
package org.exchangehub.certs.msp;
