/**
 * The tax bureau (税务局): gets CONTRACT and FILING pushed in its native JSON, with the record and receipt to verify
 * through the hub, and answers a contract with a deed-tax voucher (完税凭证) that is published as TAX_CLEARANCE.
 */
package org.exchangehub.adapters.tax;
